import os
import tarfile

import pytest

from octoplane import FileTransferError
from octoplane.files import _succeeded_output, pack_folder, unpack_folder
from octoplane.models import Job, NodeResult


def test_folder_round_trips_through_tar_with_modes_and_links(tmp_path):
    source = tmp_path / "tree"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "run.sh").write_text("echo")
    (source / "sub" / "run.sh").chmod(0o750)
    (source / "a.txt").write_text("a")
    os.symlink("sub/run.sh", source / "link")
    archive = tmp_path / "tree.tar"
    pack_folder(source, archive)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[0] == "."
    assert names[1:] == ["a.txt", "link", "sub", "sub/run.sh"]
    target = tmp_path / "copy"
    unpack_folder(archive, target)
    assert (target / "a.txt").read_text() == "a"
    assert (target / "sub" / "run.sh").stat().st_mode & 0o777 == 0o750
    assert os.readlink(target / "link") == "sub/run.sh"


@pytest.mark.parametrize(
    "name,link",
    [("../evil", None), ("/abs", None), ("ok", "../../outside"), ("ok", "/etc/passwd")],
)
def test_unsafe_archives_are_refused(tmp_path, name, link):
    archive = tmp_path / "bad.tar"
    with tarfile.open(archive, "w") as tar:
        info = tarfile.TarInfo(name)
        if link is not None:
            info.type = tarfile.SYMTYPE
            info.linkname = link
        tar.addfile(info)
    with pytest.raises(FileTransferError):
        unpack_folder(archive, tmp_path / "out")


def test_output_of_a_failed_transfer_says_why():
    job = Job(id="j", results=[NodeResult(name="pi1", state="failed", error="no such file")])
    with pytest.raises(FileTransferError, match="pi1 \\(failed\\): no such file"):
        _succeeded_output(job)
