"""Test setup: the installed ``octoplane`` package, else the one in ``src/``."""

import sys
from pathlib import Path

try:
    import octoplane  # noqa: F401
except ImportError:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
