"""A PEP 517 (and PEP 660) build backend on the standard library alone.

It builds the ``octoplane`` wheel and sdist from ``pyproject.toml`` and ``src/`` so that
``pip install ./clients/python`` works without reaching a package index: pip needs no
setuptools, because ``[build-system] requires`` is empty and this file is found through
``backend-path``. Archives are reproducible: sorted entries, fixed timestamps
(``SOURCE_DATE_EPOCH`` when set), normalised permissions.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import os
import re
import tarfile
import time
import tomllib
import zipfile
from pathlib import Path

__all__ = [
    "build_wheel",
    "build_sdist",
    "build_editable",
    "get_requires_for_build_wheel",
    "get_requires_for_build_sdist",
    "get_requires_for_build_editable",
    "prepare_metadata_for_build_wheel",
    "prepare_metadata_for_build_editable",
]

ROOT = Path(__file__).resolve().parent.parent
WHEEL_TAG = "py3-none-any"
# Files of the project that the sdist carries besides src/.
SDIST_EXTRA = ("pyproject.toml", "README.md", "build_backend", "tests")
# The earliest instant a zip entry can carry.
ZIP_EPOCH = 315532800


class Project:
    """What ``pyproject.toml`` says about the distribution."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = root
        with (root / "pyproject.toml").open("rb") as file:
            project = tomllib.load(file)["project"]
        self.name = project["name"]
        self.version = project["version"]
        self.summary = project.get("description", "")
        self.requires_python = project.get("requires-python")
        self.dependencies = list(project.get("dependencies", []))
        self.classifiers = list(project.get("classifiers", []))
        self.readme = project.get("readme")
        # Wheel and dist-info names use the normalised name (PEP 427, PEP 503).
        self.dist_name = re.sub(r"[-_.]+", "_", self.name).lower()
        self.packages = root / "src"

    @property
    def dist_info(self) -> str:
        return f"{self.dist_name}-{self.version}.dist-info"

    def metadata(self) -> str:
        """The core metadata (``METADATA`` / ``PKG-INFO``), version 2.1."""
        lines = [
            "Metadata-Version: 2.1",
            f"Name: {self.name}",
            f"Version: {self.version}",
        ]
        if self.summary:
            lines.append(f"Summary: {self.summary}")
        if self.requires_python:
            lines.append(f"Requires-Python: {self.requires_python}")
        lines += [f"Classifier: {classifier}" for classifier in self.classifiers]
        lines += [f"Requires-Dist: {dependency}" for dependency in self.dependencies]
        body = ""
        if self.readme:
            lines.append("Description-Content-Type: text/markdown")
            body = (self.root / self.readme).read_text(encoding="utf-8")
        return "\n".join(lines) + "\n\n" + body

    def wheel_file(self) -> str:
        """The ``WHEEL`` file."""
        return (
            "Wheel-Version: 1.0\n"
            "Generator: octoplane_build\n"
            "Root-Is-Purelib: true\n"
            f"Tag: {WHEEL_TAG}\n"
        )

    def sources(self) -> list[Path]:
        """The package files below ``src/``, sorted, without caches."""
        return sorted(
            path
            for path in self.packages.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
        )


def _epoch() -> int:
    return max(ZIP_EPOCH, int(os.environ.get("SOURCE_DATE_EPOCH", ZIP_EPOCH)))


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


class _Wheel:
    """Writes a wheel and its RECORD."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self.records: list[str] = []
        self.stamp = time.gmtime(_epoch())[:6]

    def add(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=self.stamp)
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        self.records.append(f"{name},{_record_hash(data)},{len(data)}")

    def close(self, dist_info: str) -> None:
        record = f"{dist_info}/RECORD"
        text = "\n".join(self.records + [f"{record},,"]) + "\n"
        info = zipfile.ZipInfo(record, date_time=self.stamp)
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, text)
        self.zip.close()


def _write_metadata(project: Project, directory: str) -> str:
    target = Path(directory) / project.dist_info
    target.mkdir(parents=True, exist_ok=True)
    (target / "METADATA").write_text(project.metadata(), encoding="utf-8")
    (target / "WHEEL").write_text(project.wheel_file(), encoding="utf-8")
    return project.dist_info


def _build(wheel_directory: str, editable: bool) -> str:
    project = Project()
    filename = f"{project.dist_name}-{project.version}-{WHEEL_TAG}.whl"
    Path(wheel_directory).mkdir(parents=True, exist_ok=True)
    wheel = _Wheel(Path(wheel_directory) / filename)
    try:
        if editable:
            # A path file puts src/ on sys.path: edits take effect without reinstalling.
            wheel.add(f"_{project.dist_name}_editable.pth", (str(project.packages) + "\n").encode())
        else:
            for path in project.sources():
                wheel.add(path.relative_to(project.packages).as_posix(), path.read_bytes())
        wheel.add(f"{project.dist_info}/METADATA", project.metadata().encode("utf-8"))
        wheel.add(f"{project.dist_info}/WHEEL", project.wheel_file().encode("utf-8"))
    finally:
        wheel.close(project.dist_info)
    return filename


# -- PEP 517 hooks ------------------------------------------------------------------------


def get_requires_for_build_wheel(config_settings=None):
    """Nothing beyond the standard library."""
    return []


def get_requires_for_build_sdist(config_settings=None):
    """Nothing beyond the standard library."""
    return []


def get_requires_for_build_editable(config_settings=None):
    """Nothing beyond the standard library."""
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    """Writes the ``.dist-info`` folder; answers its name."""
    return _write_metadata(Project(), metadata_directory)


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    """Writes the ``.dist-info`` folder of an editable install; answers its name."""
    return _write_metadata(Project(), metadata_directory)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    """Builds ``octoplane-<version>-py3-none-any.whl``; answers its file name."""
    return _build(wheel_directory, editable=False)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """Builds an editable wheel (PEP 660) that points at ``src/``; answers its file name."""
    return _build(wheel_directory, editable=True)


def build_sdist(sdist_directory, config_settings=None):
    """Builds ``octoplane-<version>.tar.gz`` with PKG-INFO; answers its file name."""
    project = Project()
    base = f"{project.dist_name}-{project.version}"
    filename = f"{base}.tar.gz"
    Path(sdist_directory).mkdir(parents=True, exist_ok=True)
    files = [ROOT / extra for extra in SDIST_EXTRA if (ROOT / extra).is_file()]
    for extra in SDIST_EXTRA:
        folder = ROOT / extra
        if folder.is_dir():
            files += [
                path
                for path in folder.rglob("*")
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
            ]
    files += project.sources()
    stamp = _epoch()

    def info(name: str, size: int, mode: int) -> tarfile.TarInfo:
        entry = tarfile.TarInfo(f"{base}/{name}")
        entry.size = size
        entry.mtime = stamp
        entry.mode = mode
        entry.uname = entry.gname = ""
        return entry

    path = Path(sdist_directory) / filename
    with open(path, "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=stamp) as zipped:
            with tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar:
                pkg_info = project.metadata().encode("utf-8")
                tar.addfile(info("PKG-INFO", len(pkg_info), 0o644), io.BytesIO(pkg_info))
                for file in sorted(set(files)):
                    data = file.read_bytes()
                    mode = 0o755 if os.access(file, os.X_OK) else 0o644
                    name = file.relative_to(ROOT).as_posix()
                    tar.addfile(info(name, len(data), mode), io.BytesIO(data))
    return filename
