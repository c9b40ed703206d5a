"""Scenarios of the acting workgroup and the nodeapps on its nodes."""

from __future__ import annotations

import os
import tempfile
from typing import TYPE_CHECKING

from ._parse import parse
from ._transport import Transport, segment
from .models import Nodeapp, Scenario, ScenarioApplyResult, ScenarioList, ScenarioVersions
from .packer import pack_into, scenario_name

if TYPE_CHECKING:
    from .files import FileApi, Progress

__all__ = ["ScenarioApi", "APPLY_TIMEOUT"]

SCENARIOS = "/api/v1/scenarios"
APPLY_TIMEOUT = 3600.0
"""Seconds an apply or reset may take: they wait for every script on every node."""


class ScenarioApi:
    """Scenario and nodeapp calls of an :class:`~octoplane.OctoplaneClient`."""

    def __init__(self, transport: Transport, files: FileApi) -> None:
        self._transport = transport
        self._files = files

    def apply(
        self,
        folder: str | os.PathLike[str],
        target: str | None = None,
        message: str | None = None,
        *,
        name: str | None = None,
        progress: Progress | None = None,
    ) -> ScenarioApplyResult:
        """Packs a scenario folder (as octl does, see :mod:`octoplane.packer`) into a
        temporary file, streams it into the brain's blob store and runs a target of it
        (``POST /api/v1/scenarios/{name}/apply``); without a target, prepare and start.

        :param name: the scenario's name; by default the ``name:`` of its
            ``deployment.yaml``
        :param progress: called with the bytes sent so far while the archive uploads
        :returns: every step's result per node; ``succeeded`` tells if all went well
        """
        scenario = name or scenario_name(folder)
        with tempfile.TemporaryDirectory(prefix="octoplane-scenario-") as scratch:
            archive = os.path.join(scratch, "scenario.tar.gz")
            with open(archive, "wb") as out:
                pack_into(folder, out)
            return self.apply_archive(scenario, archive, target, message, progress=progress)

    def apply_archive(
        self,
        name: str,
        archive: str | os.PathLike[str],
        target: str | None = None,
        message: str | None = None,
        *,
        progress: Progress | None = None,
    ) -> ScenarioApplyResult:
        """Runs a target of an already packed scenario folder (a tar.gz file): stores it
        as a blob first, as octl does, so its size is not bound by a request body."""
        blob = self._files.put_blob(archive, progress)
        body = {"archive_sha256": blob.sha256}
        if target is not None:
            body["target"] = target
        if message is not None:
            body["message"] = message
        return self._post(f"{SCENARIOS}/{segment(name)}/apply", body, ScenarioApplyResult)

    def delete(self, name: str) -> None:
        """Removes a scenario's record and its versions (``DELETE
        /api/v1/scenarios/{name}``); nodeapps stay on the nodes (its purge target removes
        them). ``scenario-not-found`` when there is none."""
        self._transport.exchange("DELETE", f"{SCENARIOS}/{segment(name)}")

    def list(self) -> ScenarioList:
        """Lists the acting workgroup's scenarios."""
        return parse(ScenarioList, self._transport.json("GET", SCENARIOS))

    def get(self, name: str) -> Scenario:
        """One scenario as its current version describes it; ``scenario-not-found``
        when there is none."""
        return parse(Scenario, self._transport.json("GET", f"{SCENARIOS}/{segment(name)}"))

    def versions(self, name: str, offset: int = 0, limit: int = 20) -> ScenarioVersions:
        """A page of a scenario's versions, newest first, and their total."""
        query = [("offset", offset), ("limit", limit)]
        return parse(
            ScenarioVersions,
            self._transport.json("GET", f"{SCENARIOS}/{segment(name)}/versions", query),
        )

    def reset(self, name: str, version: str, message: str) -> ScenarioApplyResult:
        """Brings a scenario and all its nodeapps back to an earlier version (a prefix of
        its id), recorded as a new version."""
        body = {"version": version, "message": message}
        return self._post(f"{SCENARIOS}/{segment(name)}/reset", body, ScenarioApplyResult)

    def nodeapps(self, node: str) -> list[Nodeapp]:
        """The nodeapps on a node, from the current scenario versions."""
        data = self._transport.json(
            "GET", f"/api/v1/nodes/{segment(node)}/nodeapps", timeout=APPLY_TIMEOUT
        )
        return [parse(Nodeapp, item) for item in (data or {}).get("nodeapps", [])]

    def nodeapp_versions(self, node: str, nodeapp: str) -> Nodeapp:
        """A nodeapp's (``app@scenario``) git history, read on its node."""
        path = f"/api/v1/nodes/{segment(node)}/nodeapps/{segment(nodeapp)}/versions"
        return parse(Nodeapp, self._transport.json("GET", path, timeout=APPLY_TIMEOUT))

    def reset_nodeapp(self, node: str, nodeapp: str, version: str, message: str) -> Nodeapp:
        """Resets one nodeapp to an earlier commit (a prefix of its id), as a new commit."""
        path = f"/api/v1/nodes/{segment(node)}/nodeapps/{segment(nodeapp)}/reset"
        return self._post(path, {"version": version, "message": message}, Nodeapp)

    def _post(self, path: str, body: dict, cls: type):
        return parse(cls, self._transport.json("POST", path, body=body, timeout=APPLY_TIMEOUT))
