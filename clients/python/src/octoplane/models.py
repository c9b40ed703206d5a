"""Typed answers of the brain's REST API, one dataclass per JSON record.

Field names are the JSON member names (``exit_code``, ``next_cursor``); instants are
timezone-aware :class:`datetime.datetime`; states are plain strings (``online``,
``succeeded``, ...) so states a newer brain adds read fine. Every field has a default,
and :func:`octoplane.models.parse` ignores unknown members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Union

from ._parse import parse

__all__ = [
    "parse",
    "BrainInfo",
    "Node",
    "NodeList",
    "NodeStatus",
    "NodeStatusList",
    "PruneResult",
    "NodeResult",
    "Job",
    "JobSummary",
    "JobList",
    "OutputEvent",
    "JobEvent",
    "Blob",
    "SentFile",
    "FileEntry",
    "FileListing",
    "LogLines",
    "AuditEntry",
    "AuditLog",
    "Token",
    "TokenList",
    "Workgroup",
    "ScenarioApp",
    "Scenario",
    "ScenarioList",
    "ScenarioVersion",
    "ScenarioVersions",
    "ScriptResult",
    "ScenarioStep",
    "ScenarioApplyResult",
    "NodeappCommit",
    "Nodeapp",
]


@dataclass(frozen=True)
class BrainInfo:
    """The brain that answered: its name, version and API address."""

    name: str = ""
    version: str = ""
    addr: str = ""


@dataclass(frozen=True)
class Node:
    """A node of the registry; ``delay`` is the heartbeat round trip in milliseconds."""

    name: str = ""
    version: str = ""
    addr: str = ""
    state: str = ""
    delay: float = 0.0
    online_time: datetime | None = None
    offline_time: datetime | None = None
    last_active: datetime | None = None
    os: str = ""
    arch: str = ""
    clock_offset_ms: int = 0


@dataclass(frozen=True)
class NodeList:
    """A listing of nodes; counts cover every match, ``next_cursor`` asks for the next page."""

    brain: BrainInfo = field(default_factory=BrainInfo)
    nodes: list[Node] = field(default_factory=list)
    total: int = 0
    online: int = 0
    offline: int = 0
    next_cursor: str | None = None


@dataclass(frozen=True)
class NodeStatus:
    """A node's latest host metrics; usages are fractions from 0 to 1."""

    name: str = ""
    platform: str = ""
    cpu_cores: int = 0
    local_time: datetime | None = None
    cpu_average1: float = 0.0
    cpu_average5: float = 0.0
    cpu_average15: float = 0.0
    memory_used: int = 0
    memory_total: int = 0
    memory_usage: float = 0.0
    disk_used: int = 0
    disk_total: int = 0
    disk_usage: float = 0.0
    uptime_seconds: int = 0


@dataclass(frozen=True)
class NodeStatusList:
    """Host metrics of nodes with their averages."""

    nodes: list[NodeStatus] = field(default_factory=list)
    average_cpuload: float = 0.0
    average_memoryusage: float = 0.0
    average_diskusage: float = 0.0


@dataclass(frozen=True)
class PruneResult:
    """The offline nodes a prune removed."""

    pruned: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NodeResult:
    """One target of a job: its state (``queued``, ``running``, ``succeeded``,
    ``failed``, ``timed-out``, ``expired``, ``cancelled``, ...) and result. ``output`` is
    its stdout; ``script_output`` what it wrote to ``$OCTOPODA_OUTPUT``, if anything."""

    name: str = ""
    state: str = ""
    error_kind: str = "none"
    exit_code: int | None = None
    output: str | None = ""
    stderr: str = ""
    script_output: str | None = None
    truncated: bool = False
    duration_ms: int | None = None
    error: str | None = None
    started_at: datetime | None = None
    clock_error_ms: int | None = None


@dataclass(frozen=True)
class Job:
    """A command job with every target's state and result; ``state`` is ``running``,
    ``completed`` or ``cancelled``."""

    id: str = ""
    state: str = ""
    mode: str = ""
    command: str = ""
    created_at: datetime | None = None
    finished_at: datetime | None = None
    results: list[NodeResult] = field(default_factory=list)
    pending: int = 0
    success: int = 0
    communication_error: int = 0
    process_error: int = 0
    cancelled: int = 0
    start_at: datetime | None = None
    start_spread_ms: int | None = None
    clock_error_ms: int | None = None
    selectors: list[str] = field(default_factory=list)
    """The selectors the job was started with, expanded into ``results`` once."""

    @property
    def done(self) -> bool:
        """Whether every target reached a final state."""
        return self.finished_at is not None

    def result(self, node: str) -> NodeResult | None:
        """The result of one target, or ``None`` when the job does not name it."""
        return next((result for result in self.results if result.name == node), None)


@dataclass(frozen=True)
class JobSummary:
    """A job in a listing: its counters without the results."""

    id: str = ""
    state: str = ""
    mode: str = ""
    command: str = ""
    created_at: datetime | None = None
    finished_at: datetime | None = None
    total: int = 0
    pending: int = 0
    success: int = 0
    communication_error: int = 0
    process_error: int = 0
    cancelled: int = 0
    selectors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NodeFacts:
    """What a node reported about itself: facts (sizes in bytes, times in epoch seconds),
    what went wrong with its fact scripts, and its labels."""

    name: str = ""
    facts: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    reported_at: datetime | None = None


@dataclass(frozen=True)
class NodeLabels:
    """A node's labels: ``labels`` is ``config`` (its tentacle.yaml) overridden by
    ``operator`` (set with ``octl node label``)."""

    name: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    config: dict[str, str] = field(default_factory=dict)
    operator: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class NodeSelection:
    """The nodes a target list stands for now."""

    targets: list[str] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class JobList:
    """Recent jobs, newest first; ``next_cursor`` is set by brains that page jobs."""

    jobs: list[JobSummary] = field(default_factory=list)
    next_cursor: str | None = None


@dataclass(frozen=True)
class OutputEvent:
    """Live output of a streaming job: ``stream`` is ``stdout`` or ``stderr``."""

    name: str = ""
    stream: str = ""
    data: str = ""


JobEvent = Union[NodeResult, OutputEvent, Job]
"""What a job's event stream yields: a target's new state (:class:`NodeResult`), live
output (:class:`OutputEvent`) and, last, the finished :class:`Job`."""


@dataclass(frozen=True)
class Blob:
    """A blob stored on the brain, by its SHA-256 (lower-case hex)."""

    sha256: str = ""
    size_bytes: int = 0


@dataclass(frozen=True)
class SentFile:
    """What a node sent to the brain's blob store: ``kind`` is ``file`` or ``directory``
    (a tar), ``mode`` the POSIX permission bits."""

    sha256: str = ""
    size_bytes: int = 0
    kind: str = "file"
    name: str = ""
    mode: int = 0o644


@dataclass(frozen=True)
class FileEntry:
    """One entry of a node's folder listing."""

    name: str = ""
    type: str = ""
    size_bytes: int = 0
    mode: str = ""
    modified: str = ""


@dataclass(frozen=True)
class FileListing:
    """A node's folder listing."""

    path: str = ""
    entries: list[FileEntry] = field(default_factory=list)
    truncated: bool = False


@dataclass(frozen=True)
class LogLines:
    """The newest lines of a log, oldest first."""

    source: str = ""
    lines: list[str] = field(default_factory=list)
    truncated: bool = False


@dataclass(frozen=True)
class AuditEntry:
    """One audited call: who, in which workgroup, what, on which targets, with which status."""

    time: datetime | None = None
    caller: str = ""
    workgroup: str = ""
    source: str = ""
    action: str = ""
    targets: list[str] = field(default_factory=list)
    status: int = 0
    detail: str | None = None


@dataclass(frozen=True)
class AuditLog:
    """Audit entries, newest first; ``next_cursor`` is set by brains that page the trail."""

    entries: list[AuditEntry] = field(default_factory=list)
    next_cursor: str | None = None


@dataclass(frozen=True)
class Token:
    """An API or join token. ``token`` (the secret) is set only in the answer to its
    creation, and never shown by ``repr``."""

    id: str = ""
    token: str | None = field(default=None, repr=False)
    role: str = ""
    workgroup: str = ""
    expires_at: datetime | None = None
    uses_left: int | None = None
    description: str | None = None
    created_by: str = ""


@dataclass(frozen=True)
class TokenList:
    """Tokens of a workgroup and below, without secrets."""

    tokens: list[Token] = field(default_factory=list)


@dataclass(frozen=True)
class Workgroup:
    """A workgroup: its nodes and the paths of its children."""

    path: str = ""
    nodes: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ScenarioApp:
    """An application of a scenario and the nodes it runs on."""

    name: str = ""
    nodes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scenario:
    """A scenario as its current version describes it."""

    name: str = ""
    description: str = ""
    workgroup: str = ""
    version: str | None = None
    apps: list[ScenarioApp] = field(default_factory=list)


@dataclass(frozen=True)
class ScenarioList:
    """The scenarios of a workgroup."""

    scenarios: list[Scenario] = field(default_factory=list)


@dataclass(frozen=True)
class ScenarioVersion:
    """A stored version of a scenario with the nodeapp commits it recorded."""

    id: str = ""
    time: datetime | None = None
    message: str = ""
    nodeapps: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ScenarioVersions:
    """A page of a scenario's versions, newest first, and how many there are."""

    scenario: str = ""
    total: int = 0
    versions: list[ScenarioVersion] = field(default_factory=list)


@dataclass(frozen=True)
class ScriptResult:
    """One script on one node: ``output`` is what it wrote to ``$OCTOPODA_OUTPUT``."""

    node: str = ""
    state: str = ""
    exit_code: int | None = None
    output: str = ""
    stdout: str = ""
    stderr: str = ""
    error: str | None = None


@dataclass(frozen=True)
class ScenarioStep:
    """One script of one application run for a target, on all its nodes."""

    target: str = ""
    order: int = 0
    app: str = ""
    script: str = ""
    nodes: list[ScriptResult] = field(default_factory=list)


@dataclass(frozen=True)
class ScenarioApplyResult:
    """What an apply or reset did; ``succeeded`` tells whether every step went well."""

    scenario: str = ""
    targets: list[str] = field(default_factory=list)
    succeeded: bool = False
    failure: str | None = None
    version: str | None = None
    steps: list[ScenarioStep] = field(default_factory=list)


@dataclass(frozen=True)
class NodeappCommit:
    """A commit of a nodeapp's git history."""

    id: str = ""
    time: datetime | None = None
    message: str = ""


@dataclass(frozen=True)
class Nodeapp:
    """A nodeapp (``app@scenario``) on a node, with its head and history."""

    node: str = ""
    nodeapp: str = ""
    head: str | None = None
    versions: list[NodeappCommit] = field(default_factory=list)
