"""Packs a scenario folder into the tar.gz the brain's scenario apply reads.

As octl packs it: regular files with paths relative to the folder, mode 755 for
executables and 644 otherwise, in sorted order; the ``.git`` folder, symbolic links and
files matched by a ``.gitignore`` (in the folder or any folder below; the deepest one
with an opinion wins, as in git) are left out.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

__all__ = ["pack", "pack_into", "scenario_name"]

@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    negated: bool
    directory_only: bool
    anchored: bool


@dataclass(frozen=True)
class _Rules:
    folder: Path
    rules: tuple[_Rule, ...]

    def verdict(self, path: Path, directory: bool) -> bool | None:
        """``True`` ignored, ``False`` explicitly kept, ``None`` no opinion."""
        relative = path.relative_to(self.folder).as_posix()
        name = path.name
        result: bool | None = None
        for rule in self.rules:
            if rule.directory_only and not directory:
                continue
            subject = relative if rule.anchored else name
            if rule.regex.fullmatch(subject):
                result = not rule.negated
        return result


def pack(folder: str | os.PathLike[str]) -> bytes:
    """Packs a scenario folder; answers the tar.gz bytes."""
    raw = io.BytesIO()
    pack_into(folder, raw)
    return raw.getvalue()


def pack_into(folder: str | os.PathLike[str], out: BinaryIO) -> None:
    """Packs a scenario folder as tar.gz into a writable binary file, so a large folder
    never has to fit in memory."""
    root = Path(folder)
    if not root.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder")
    # mtime 0: the same folder always packs to the same bytes.
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as zipped:
        with tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar:
            _add(tar, root, root, [])


def scenario_name(folder: str | os.PathLike[str]) -> str:
    """The top-level ``name:`` of a scenario folder's ``deployment.yaml``.

    Reads only that line (the standard library has no YAML reader): a plain or quoted
    scalar on one line.
    """
    deployment = Path(folder) / "deployment.yaml"
    if not deployment.is_file():
        raise FileNotFoundError(f"{folder} has no deployment.yaml")
    for line in deployment.read_text(encoding="utf-8").splitlines():
        match = re.match(r"name:\s*(.*?)\s*(#.*)?$", line)
        if match:
            value = match.group(1)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            if value.strip():
                return value.strip()
    raise ValueError(f"{deployment}: name: is required")


def _add(tar: tarfile.TarFile, root: Path, folder: Path, rules: list[_Rules]) -> None:
    here = list(rules)
    gitignore = folder / ".gitignore"
    if gitignore.is_file():
        here.append(_Rules(folder, tuple(_parse(gitignore.read_text(encoding="utf-8")))))
    for child in sorted(folder.iterdir(), key=lambda path: path.name):
        if child.is_symlink() or child.name == ".git":
            continue
        directory = child.is_dir()
        if _ignored(here, child, directory):
            continue
        if directory:
            _add(tar, root, child, here)
        elif child.is_file():
            info = tarfile.TarInfo(child.relative_to(root).as_posix())
            info.size = child.stat().st_size
            info.mode = 0o755 if os.access(child, os.X_OK) else 0o644
            info.mtime = int(child.stat().st_mtime)
            with child.open("rb") as content:
                tar.addfile(info, content)


def _ignored(rules: list[_Rules], path: Path, directory: bool) -> bool:
    for rule_set in reversed(rules):
        verdict = rule_set.verdict(path, directory)
        if verdict is not None:
            return verdict
    return False


def _parse(text: str) -> list[_Rule]:
    rules = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated:
            line = line[1:]
        if line.startswith("\\"):
            line = line[1:]
        directory_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        line = line.lstrip("/")
        rules.append(_Rule(re.compile(_glob(line)), negated, directory_only, anchored))
    return rules


def _glob(pattern: str) -> str:
    """Translates a gitignore glob: ``**`` spans folders, ``*`` and ``?`` do not."""
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("/**", index) and index + 3 == len(pattern):
            out.append("/.*")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif char == "*":
            out.append("[^/]*")
            index += 1
        elif char == "?":
            out.append("[^/]")
            index += 1
        elif char == "[":
            end = pattern.find("]", index + 1)
            if end < 0:
                out.append(re.escape(char))
                index += 1
            else:
                body = pattern[index + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                index = end + 1
        else:
            out.append(re.escape(char))
            index += 1
    return "".join(out)
