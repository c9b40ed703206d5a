"""Workgroup administration."""

from __future__ import annotations

from typing import Iterable

from ._parse import parse
from ._transport import Transport
from .models import Workgroup

__all__ = ["WorkgroupApi"]

WORKGROUP = "/api/v1/workgroup"


class WorkgroupApi:
    """Workgroup calls of an :class:`~octoplane.OctoplaneClient`.

    Paths are absolute (``/lab/pis``) or relative to the acting workgroup (``pis``);
    anything outside it answers ``workgroup-not-found``.
    """

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def get(self, path: str | None = None) -> Workgroup:
        """Reads a workgroup (the acting one by default): its nodes and children."""
        return parse(Workgroup, self._transport.json("GET", WORKGROUP, _path(path)))

    def add_nodes(self, path: str, nodes: Iterable[str]) -> Workgroup:
        """Adds nodes to a workgroup below the acting one, creating it if needed."""
        body = {"nodes": list(nodes)}
        return parse(Workgroup, self._transport.json("PUT", WORKGROUP + "/nodes", _path(path), body))

    def remove_nodes(self, path: str, nodes: Iterable[str]) -> Workgroup:
        """Removes nodes from a workgroup and from everything below it."""
        query = _path(path) + [("node", node) for node in nodes]
        return parse(Workgroup, self._transport.json("DELETE", WORKGROUP + "/nodes", query))

    def delete(self, path: str) -> None:
        """Deletes a workgroup below the acting one, with everything below it."""
        self._transport.json("DELETE", WORKGROUP, _path(path))

    def set_password(self, path: str | None, password: str) -> None:
        """Sets a workgroup's password (12 to 256 characters), which
        :class:`~octoplane.PasswordAuth` then logs in with."""
        self._transport.json("PUT", WORKGROUP + "/password", _path(path), {"password": password})


def _path(path: str | None) -> list[tuple[str, str]]:
    return [("path", path)] if path and path.strip() else []
