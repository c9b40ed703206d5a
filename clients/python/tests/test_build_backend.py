"""The in-tree build backend: wheel and sdist contents, and an offline install."""

import base64
import hashlib
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path


PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "build_backend"))

import octoplane_build  # noqa: E402


def test_hooks_need_nothing_beyond_the_standard_library():
    assert octoplane_build.get_requires_for_build_wheel() == []
    assert octoplane_build.get_requires_for_build_sdist() == []
    assert octoplane_build.get_requires_for_build_editable() == []


def test_wheel_holds_the_package_and_a_correct_dist_info(tmp_path):
    name = octoplane_build.build_wheel(str(tmp_path))
    assert name == "octoplane-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(tmp_path / name) as wheel:
        names = wheel.namelist()
        assert "octoplane/__init__.py" in names
        assert "octoplane/py.typed" in names
        assert not any("__pycache__" in entry or entry.endswith(".pyc") for entry in names)
        metadata = wheel.read("octoplane-0.1.0.dist-info/METADATA").decode()
        assert "Metadata-Version: 2.1\nName: octoplane\nVersion: 0.1.0\n" in metadata
        assert "Requires-Python: >=3.11" in metadata
        assert "Requires-Dist" not in metadata
        wheel_file = wheel.read("octoplane-0.1.0.dist-info/WHEEL").decode()
        assert "Root-Is-Purelib: true" in wheel_file
        assert "Tag: py3-none-any" in wheel_file
        record = wheel.read("octoplane-0.1.0.dist-info/RECORD").decode().splitlines()
        listed = {}
        for line in record:
            path, digest, size = line.rsplit(",", 2)
            listed[path] = (digest, size)
        assert set(listed) == set(names)
        assert listed["octoplane-0.1.0.dist-info/RECORD"] == ("", "")
        for path, (digest, size) in listed.items():
            if path.endswith("RECORD"):
                continue
            data = wheel.read(path)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert digest == "sha256=" + expected, path
            assert int(size) == len(data), path


def test_wheel_is_reproducible(tmp_path):
    first = octoplane_build.build_wheel(str(tmp_path / "a"))
    second = octoplane_build.build_wheel(str(tmp_path / "b"))
    assert (tmp_path / "a" / first).read_bytes() == (tmp_path / "b" / second).read_bytes()


def test_metadata_hook_writes_the_dist_info(tmp_path):
    name = octoplane_build.prepare_metadata_for_build_wheel(str(tmp_path))
    assert name == "octoplane-0.1.0.dist-info"
    assert (tmp_path / name / "METADATA").read_text().startswith("Metadata-Version: 2.1")


def test_sdist_holds_what_a_rebuild_needs(tmp_path):
    name = octoplane_build.build_sdist(str(tmp_path))
    assert name == "octoplane-0.1.0.tar.gz"
    with tarfile.open(tmp_path / name) as sdist:
        names = set(sdist.getnames())
        pkg_info = sdist.extractfile("octoplane-0.1.0/PKG-INFO").read().decode()
    for expected in (
        "pyproject.toml",
        "README.md",
        "build_backend/octoplane_build.py",
        "src/octoplane/__init__.py",
        "tests/test_build_backend.py",
    ):
        assert "octoplane-0.1.0/" + expected in names
    assert "Name: octoplane" in pkg_info


def test_editable_wheel_points_at_the_sources(tmp_path):
    name = octoplane_build.build_editable(str(tmp_path))
    with zipfile.ZipFile(tmp_path / name) as wheel:
        assert wheel.read("_octoplane_editable.pth").decode().strip() == str(PROJECT / "src")


def test_fresh_venv_installs_it_offline_and_imports_it(tmp_path):
    # PythonSdkIT runs these tests in the fresh venv it installed the SDK into
    # offline and names it: check that installation rather than making a second one.
    if os.environ.get("OCTOPLANE_TEST_VENV") == sys.prefix:
        python, venv = Path(sys.executable), Path(sys.prefix)
    else:
        venv = tmp_path / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
        python = venv / "bin" / "python"
        install = subprocess.run(
            [str(python), "-m", "pip", "install", "--no-index", "--no-cache-dir", "-q", str(PROJECT)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert install.returncode == 0, install.stderr
    imported = subprocess.run(
        [
            str(python),
            "-c",
            "import importlib.metadata as m, octoplane; "
            "print(octoplane.__version__, octoplane.__file__, m.version('octoplane'), "
            "len(m.files('octoplane')))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert imported.returncode == 0, imported.stderr
    version, location, installed, files = imported.stdout.split()
    assert version == installed == "0.1.0"
    assert Path(location).resolve().is_relative_to(venv.resolve())
    assert int(files) > 10
