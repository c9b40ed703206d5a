"""The README's curl example, run as written against the test brain (curl and jq needed).

Only the brain's address, the certificate files and the node names are replaced.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[3] / "README.md"

pytestmark = pytest.mark.skipif(
    not os.environ.get("OCTOPLANE_TEST_BRAIN") or not README.is_file(),
    reason="needs a brain (the e2e PythonSdkIT) and the repository's README",
)


def test_readme_curl_example_runs_a_command_and_reads_a_problem_code():
    block = re.search(r"```bash\n(BRAIN=.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    nodes = os.environ["OCTOPLANE_TEST_NODES"].split(",")
    for example, actual in (
        ("https://brain.example.org:12345", os.environ["OCTOPLANE_TEST_BRAIN"]),
        ("ca.pem", os.environ["OCTOPLANE_TEST_CA"]),
        ("operator-key.pem", os.environ["OCTOPLANE_TEST_KEY"]),
        ("operator.pem", os.environ["OCTOPLANE_TEST_CERT"]),
        ('"pi1","pi2"', f'"{nodes[0]}","{nodes[1]}"'),
    ):
        assert example in block
        block = block.replace(example, actual)
    run = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert lines[-1] == "node-not-found"
    for node in nodes[:2]:
        assert any(line.startswith(f"{node} succeeded ") and "load average" in line for line in lines), lines
