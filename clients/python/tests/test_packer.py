import gzip
import io
import os
import tarfile

import pytest

from octoplane.packer import pack, scenario_name


def write(root, relative, text="x", executable=False):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if executable:
        path.chmod(0o755)
    return path


def members(archive):
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(archive))) as tar:
        return {member.name: member for member in tar.getmembers()}


def test_folder_packs_as_octl_packs_it(tmp_path):
    write(tmp_path, "deployment.yaml", "name: shop\n")
    write(tmp_path, "web/scripts/start.sh", "echo hi", executable=True)
    write(tmp_path, "web/src/index.html", "hello")
    write(tmp_path, "web/src/notes.tmp")
    write(tmp_path, "web/src/.gitignore", "*.tmp\n")
    write(tmp_path, ".git/HEAD")
    write(tmp_path, "build/out.bin")
    write(tmp_path, "keep/build/kept.txt")
    write(tmp_path, ".gitignore", "/build/\n*.log\n!important.log\n")
    write(tmp_path, "debug.log")
    write(tmp_path, "important.log")
    os.symlink("deployment.yaml", tmp_path / "link.yaml")
    entries = members(pack(tmp_path))
    assert sorted(entries) == [
        ".gitignore",
        "deployment.yaml",
        "important.log",
        "keep/build/kept.txt",
        "web/scripts/start.sh",
        "web/src/.gitignore",
        "web/src/index.html",
    ]
    assert all(member.isfile() for member in entries.values())
    assert entries["web/scripts/start.sh"].mode == 0o755
    assert entries["web/src/index.html"].mode == 0o644


def test_the_same_folder_packs_to_the_same_bytes(tmp_path):
    write(tmp_path, "deployment.yaml", "name: shop\n")
    assert pack(tmp_path) == pack(tmp_path)


def test_deeper_gitignore_overrides_a_shallower_one(tmp_path):
    write(tmp_path, ".gitignore", "*.txt\n")
    write(tmp_path, "a/.gitignore", "!keep.txt\n")
    write(tmp_path, "a/keep.txt")
    write(tmp_path, "a/drop.txt")
    write(tmp_path, "b/x.txt")
    assert sorted(members(pack(tmp_path))) == [".gitignore", "a/.gitignore", "a/keep.txt"]


def test_double_star_spans_folders(tmp_path):
    write(tmp_path, ".gitignore", "**/cache/**\nlogs/**/*.gz\n")
    write(tmp_path, "x/cache/y/z.bin")
    write(tmp_path, "logs/2026/12/a.gz")
    write(tmp_path, "logs/a.txt")
    assert sorted(members(pack(tmp_path))) == [".gitignore", "logs/a.txt"]


@pytest.mark.parametrize(
    "text,name",
    [
        ("name: shop\n", "shop"),
        ("description: x\nname: 'quoted'  # comment\n", "quoted"),
        ('name: "dq"\napplications: []\n', "dq"),
    ],
)
def test_scenario_name_comes_from_deployment_yaml(tmp_path, text, name):
    write(tmp_path, "deployment.yaml", text)
    assert scenario_name(tmp_path) == name


def test_scenario_name_of_nested_keys_is_not_taken(tmp_path):
    write(tmp_path, "deployment.yaml", "applications:\n- name: web\n")
    with pytest.raises(ValueError):
        scenario_name(tmp_path)
