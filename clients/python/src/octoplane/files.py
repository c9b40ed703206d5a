"""File distribution: the brain's blob store, uploads to nodes and fetches from them."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import stat
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable

from ._parse import parse
from ._transport import CHUNK, ProgressReader, Transport, segment
from .errors import FileTransferError
from . import jobs as _jobs
from .models import Blob, FileListing, Job, SentFile

__all__ = ["FileApi", "StagedFile", "Progress"]

FILES = "/api/v1/files"
_DAY = 86400.0

Progress = Callable[[int], None]
"""A progress callback: receives the bytes sent or received so far."""


@dataclass(frozen=True)
class StagedFile:
    """A local file or folder stored on the brain, ready to install on nodes.

    ``kind`` is ``file`` or ``directory`` (a tar of the folder); ``mode`` the POSIX
    permission bits of a file.
    """

    blob: Blob
    kind: str
    name: str
    mode: int


class FileApi:
    """File calls of an :class:`~octoplane.OctoplaneClient`.

    A local file or folder goes up to the brain once (a folder as tar, spooled to a
    temporary file first) and each node fetches it from there; a node's file comes down
    the same way in reverse. Transfers are streamed (never whole in memory), checked
    with SHA-256 and written under a temporary name first, so a failure never leaves
    half a file under the real name.
    """

    def __init__(self, transport: Transport, get_job: Callable[[str, float | None], Job]) -> None:
        self._transport = transport
        self._get_job = get_job

    # -- the brain's blob store --------------------------------------------------------

    def put_blob(self, local: str | os.PathLike[str], progress: Progress | None = None) -> Blob:
        """Streams a local file into the brain's blob store (``POST /api/v1/files/blobs``)
        and checks the stored digest and size against what was sent."""
        path = Path(local)
        size = path.stat().st_size
        digest = hashlib.sha256()
        with path.open("rb") as file:
            reader = ProgressReader(file, progress, digest)
            _, _, data = self._transport.exchange(
                "POST",
                FILES + "/blobs",
                body=reader,  # type: ignore[arg-type]
                headers={"Content-Type": "application/octet-stream", "Content-Length": str(size)},
                timeout=_DAY,
            )
        blob = parse(Blob, json.loads(data.decode("utf-8")))
        ours = digest.hexdigest()
        if blob.sha256 != ours or blob.size_bytes != size or reader.count != size:
            raise FileTransferError(
                f"the brain stored sha256 {blob.sha256} ({blob.size_bytes} bytes) but {ours} "
                f"({reader.count} bytes) was sent"
            )
        return blob

    def get_blob(
        self, sha256: str, local: str | os.PathLike[str], progress: Progress | None = None
    ) -> Path:
        """Copies a blob of the brain's store to a local file and checks its digest.

        The bytes go to ``<local>.octoplane-part`` first; a part left by an earlier
        attempt is resumed with a ``Range`` request.
        """
        target = Path(local)
        part = target.with_name(target.name + ".octoplane-part")
        held = part.stat().st_size if part.exists() else 0
        headers = {"Accept": "application/octet-stream, application/problem+json"}
        if held > 0:
            headers["Range"] = f"bytes={held}-"
        connection, response = self._transport.open_stream(
            "GET", f"{FILES}/blobs/{segment(sha256)}", headers=headers, timeout=_DAY
        )
        try:
            if response.status != 416:
                append = response.status == 206
                total = held if append else 0
                with part.open("ab" if append else "wb") as out:
                    while True:
                        try:
                            chunk = response.read(CHUNK)
                        except (OSError, http.client.HTTPException) as ex:
                            raise self._transport.failure(ex) from ex
                        if not chunk:
                            break
                        out.write(chunk)
                        total += len(chunk)
                        if progress is not None:
                            progress(total)
        finally:
            connection.close()
        actual = _sha256_of(part)
        if actual != sha256:
            part.unlink(missing_ok=True)
            raise FileTransferError(f"checksum mismatch: expected {sha256}, got {actual}")
        os.replace(part, target)
        return target

    # -- nodes -------------------------------------------------------------------------

    def stage(self, local: str | os.PathLike[str], progress: Progress | None = None) -> StagedFile:
        """Stores a local file or folder on the brain, ready for :meth:`install`."""
        source = Path(local).absolute()
        if not source.exists():
            raise FileNotFoundError(f"no such file or folder: {local}")
        mode = stat.S_IMODE(source.stat().st_mode)
        if not source.is_dir():
            return StagedFile(self.put_blob(source, progress), "file", source.name, mode)
        with tempfile.TemporaryDirectory(prefix="octoplane-") as spool:
            archive = Path(spool) / "folder.tar"
            pack_folder(source, archive)
            return StagedFile(self.put_blob(archive, progress), "directory", source.name, mode)

    def install(
        self,
        staged: StagedFile,
        target_dir: str,
        targets: Iterable[str],
        *,
        create_target: bool = True,
        timeout_seconds: int | None = None,
        wait_offline_seconds: int | None = None,
    ) -> Job:
        """Installs a staged file on nodes (``POST /api/v1/files/uploads``); follow the
        job with :meth:`~octoplane.OctoplaneClient.wait`.

        :param target_dir: the folder on the nodes: absolute, or ``@workspace/...``,
            ``@fstore`` and the other places the tentacle names
        """
        body = {
            "targets": list(targets),
            "sha256": staged.blob.sha256,
            "kind": staged.kind,
            "name": staged.name,
            "target_dir": target_dir,
            "create_target": create_target,
            "mode": staged.mode,
            "timeout_seconds": timeout_seconds,
            "wait_offline_seconds": wait_offline_seconds,
        }
        return parse(Job, self._transport.json("POST", FILES + "/uploads", body=_drop_none(body)))

    def upload(
        self,
        local: str | os.PathLike[str],
        target_dir: str,
        targets: Iterable[str],
        *,
        progress: Progress | None = None,
        wait: float | None = 600.0,
        **options: Any,
    ) -> Job:
        """Stages a local file or folder and installs it on nodes; with ``wait`` (seconds)
        it waits for the job and answers the finished one, else the accepted one."""
        job = self.install(self.stage(local, progress), target_dir, targets, **options)
        return job if wait is None else self._wait(job, wait)

    def fetch(
        self,
        node: str,
        path: str,
        *,
        timeout_seconds: int | None = None,
        wait_offline_seconds: int | None = None,
    ) -> Job:
        """Has a node send a file or folder to the brain's blob store
        (``POST /api/v1/files/fetches``); :meth:`sent` reads the finished job."""
        body = {
            "node": node,
            "path": path,
            "timeout_seconds": timeout_seconds,
            "wait_offline_seconds": wait_offline_seconds,
        }
        return parse(Job, self._transport.json("POST", FILES + "/fetches", body=_drop_none(body)))

    def list(self, node: str, path: str) -> Job:
        """Starts listing a folder of a node (``POST /api/v1/files/listings``);
        :meth:`listing` reads the finished job."""
        return parse(
            Job, self._transport.json("POST", FILES + "/listings", body={"node": node, "path": path})
        )

    def sent(self, job: Job) -> SentFile:
        """What a finished fetch job sent to the brain; raises
        :class:`~octoplane.FileTransferError` if the node did not send it."""
        return parse(SentFile, json.loads(_succeeded_output(job)))

    def listing(self, job: Job) -> FileListing:
        """The listing a finished list job produced."""
        return parse(FileListing, json.loads(_succeeded_output(job)))

    def download(
        self, sent: SentFile, local_dir: str | os.PathLike[str], progress: Progress | None = None
    ) -> Path:
        """Copies what a node sent into a local folder: a file as its name, a folder
        unpacked below its name. Answers the file or folder written."""
        folder = Path(local_dir)
        folder.mkdir(parents=True, exist_ok=True)
        name = _segment_name(sent.name)
        target = folder / name
        if sent.kind == "file":
            self.get_blob(sent.sha256, target, progress)
            os.chmod(target, sent.mode & 0o777)
            return target
        if target.exists():
            raise FileExistsError(f"{target} already exists; remove it or download elsewhere")
        archive = folder / f".{name}.{sent.sha256[:12]}.tar"
        self.get_blob(sent.sha256, archive, progress)
        staging = folder / f".{name}.octoplane-unpack"
        try:
            unpack_folder(archive, staging)
            os.replace(staging, target)
        finally:
            archive.unlink(missing_ok=True)
        return target

    def get(
        self,
        node: str,
        path: str,
        local_dir: str | os.PathLike[str],
        *,
        progress: Progress | None = None,
        wait: float = 600.0,
    ) -> Path:
        """Fetches a node's file or folder and downloads it: :meth:`fetch`, wait,
        :meth:`download`."""
        job = self._wait(self.fetch(node, path), wait)
        return self.download(self.sent(job), local_dir, progress)

    def _wait(self, job: Job, timeout: float) -> Job:
        return _jobs.wait(self._transport, self._get_job, job.id, timeout)


def pack_folder(folder: Path, archive: Path) -> None:
    """Packs a folder as the tentacles unpack it: POSIX tar, ``./`` first, relative
    names, permission bits kept, symbolic links stored as links."""
    with tarfile.open(archive, "w", format=tarfile.PAX_FORMAT) as tar:
        tar.add(str(folder), arcname=".", recursive=False)
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(dirs + files):
                path = Path(root) / name
                relative = path.relative_to(folder).as_posix()
                if path.is_symlink() or path.is_dir() or path.is_file():
                    tar.add(str(path), arcname=relative, recursive=False)
                else:
                    raise OSError(f"cannot send {path}: it is neither a file, a folder nor a link")


def unpack_folder(archive: Path, target: Path) -> None:
    """Unpacks a node's folder tar, refusing absolute names, ``..`` and links that leave it."""
    target.mkdir(parents=True, exist_ok=False)
    with tarfile.open(archive, "r") as tar:
        for member in tar:
            parts = [part for part in PurePosixPath(member.name).parts if part not in (".", "")]
            if member.name.startswith("/") or ".." in parts:
                raise FileTransferError(f"unsafe entry '{member.name}' in the archive")
            destination = target.joinpath(*parts) if parts else target
            if member.isdir():
                destination.mkdir(parents=True, exist_ok=True)
                os.chmod(destination, (member.mode & 0o777) | 0o700)
            elif member.isfile():
                destination.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                if source is None:
                    continue
                with source, destination.open("wb") as out:
                    while chunk := source.read(CHUNK):
                        out.write(chunk)
                os.chmod(destination, member.mode & 0o777)
            elif member.issym():
                if not _stays_inside(parts[:-1], member.linkname):
                    raise FileTransferError(f"link '{member.name}' points outside the folder")
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.symlink(member.linkname, destination)
            else:
                raise FileTransferError(f"entry '{member.name}' is neither a file, a folder nor a link")


def _stays_inside(folder: list[str], link: str) -> bool:
    if link.startswith("/"):
        return False
    depth = len(folder)
    for part in PurePosixPath(link).parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return False
    return True


def _succeeded_output(job: Job) -> str:
    if not job.results:
        raise FileTransferError(f"job {job.id} has no result")
    result = job.results[0]
    if result.state != "succeeded":
        raise FileTransferError(f"node {result.name} ({result.state}): {result.error or result.state}")
    return result.output or ""


def _segment_name(name: str) -> str:
    if not name or name in (".", "..") or "/" in name or "\0" in name:
        raise FileTransferError(f"'{name}' is not a plain file name")
    return name


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _drop_none(body: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in body.items() if value is not None}

