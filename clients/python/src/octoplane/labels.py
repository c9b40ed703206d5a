"""Facts, labels and selectors of nodes."""

from __future__ import annotations

from typing import Iterable, Mapping

from ._parse import parse
from ._transport import Transport, segment
from .models import NodeFacts, NodeLabels, NodeSelection

__all__ = ["LabelApi", "selector", "SELECTOR_PREFIX"]

NODES = "/api/v1/nodes"
SELECTOR_PREFIX = "label:"
"""What marks a target list entry as a selector, as in deployment.yaml's ``nodes``."""


def selector(text: str) -> str:
    """The target list entry that stands for the nodes a selector matches, for any call
    that takes targets (``run``, ``submit``, ``nodes``, ``node_status``, file uploads,
    ``jobs(targets=...)``); the brain expands it once, when it accepts the call, and
    answers ``invalid-request`` for bad syntax or an empty match.

    >>> selector("site=lab,arch in (arm64,armv7)")
    'label:site=lab,arch in (arm64,armv7)'
    """
    text = text.strip()
    if not text:
        raise ValueError("a selector must not be empty")
    return SELECTOR_PREFIX + text


class LabelApi:
    """Facts, label and selection calls of an :class:`~octoplane.OctoplaneClient`."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def facts(self, node: str) -> NodeFacts:
        """A node's facts, fact script errors and labels (``GET /api/v1/nodes/{name}/facts``)."""
        return parse(NodeFacts, self._transport.json("GET", f"{NODES}/{segment(node)}/facts"))

    def labels(self, node: str) -> NodeLabels:
        """A node's labels, merged and by source (``config``, ``operator``)."""
        return parse(NodeLabels, self._transport.json("GET", f"{NODES}/{segment(node)}/labels"))

    def label(
        self, node: str, set: Mapping[str, str] | None = None, remove: Iterable[str] = ()
    ) -> NodeLabels:
        """Sets and removes operator labels (``PATCH /api/v1/nodes/{name}/labels``), as
        ``octl node label NODE key=value key-`` does; keys and values follow Kubernetes'
        label syntax (``invalid-request`` otherwise)."""
        body = {"set": dict(set or {}), "remove": list(remove)}
        return parse(NodeLabels, self._transport.json("PATCH", f"{NODES}/{segment(node)}/labels", body=body))

    def select(self, targets: Iterable[str] | str) -> NodeSelection:
        """The nodes a target list (names, ``@group``, :func:`selector` entries) stands
        for now, without running anything; a bare string is read as one selector."""
        if isinstance(targets, str):
            targets = [selector(targets)]
        query = [("target", target) for target in targets]
        return parse(NodeSelection, self._transport.json("GET", NODES + "/selection", query))
