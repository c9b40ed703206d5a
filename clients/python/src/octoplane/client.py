"""The client of the brain's REST API."""

from __future__ import annotations

import ssl
import time
from typing import Any, Callable, Iterable, Iterator

from . import jobs as _jobs
from ._parse import parse
from ._transport import Transport, segment
from .auth import Authentication
from .errors import OctoplaneTimeoutError
from .files import FileApi
from .labels import LabelApi
from .models import (
    AuditLog,
    BrainInfo,
    Job,
    JobEvent,
    JobList,
    LogLines,
    Node,
    NodeList,
    NodeStatusList,
    PruneResult,
)
from .scenarios import ScenarioApi
from .tokens import TokenApi
from .workgroups import WorkgroupApi

__all__ = ["OctoplaneClient", "BRAIN_LOG", "MAX_JOBS"]

V1 = "/api/v1"
BRAIN_LOG = "brain"
"""The log source that means the brain's own log (see :meth:`OctoplaneClient.logs`)."""
MAX_JOBS = 1000
"""Most jobs :meth:`OctoplaneClient.jobs` lists at once."""
# Above the brain's default time limit of a node's log read, plus delivery.
_LOG_TIMEOUT = 60.0


class OctoplaneClient:
    """Client of the brain's REST API (``/api/v1``), the Python twin of the Java SDK.

    Each method makes one HTTPS call and returns a typed answer
    (:mod:`octoplane.models`), or raises :class:`~octoplane.OctoplaneApiError` when the
    brain answered with an error and :class:`~octoplane.OctoplaneConnectionError` when it
    could not be reached. Calls share one kept-alive HTTPS connection; use the client as
    a context manager (or call :meth:`close`) to release it. An instance is not
    thread-safe: give each thread its own.

    >>> from octoplane import OctoplaneClient, CertificateAuth
    >>> with OctoplaneClient("https://brain:12345", ca_file="ca.pem",
    ...                      auth=CertificateAuth("op.pem", "op-key.pem")) as brain:
    ...     job = brain.run(["pi1", "pi2"], "uptime", timeout=120)   # doctest: +SKIP

    :param base_url: the brain's API address, ``https://host:port``
    :param auth: :class:`~octoplane.CertificateAuth`, :class:`~octoplane.PasswordAuth` or
        :class:`~octoplane.TokenAuth`
    :param ca_file: PEM file of the CA the brain's certificate must chain to (``None``:
        the system's trust store)
    :param workgroup: the workgroup every call acts in (the ``X-Octoplane-Workgroup``
        header), absolute or relative to the caller's own; ``None`` for the caller's own
    :param timeout: seconds to wait for the answer of one call
    :param connect_timeout: seconds to wait for the TCP and TLS connection
    :param ssl_context: a TLS context to use instead of one built from ``ca_file`` and
        ``auth``
    """

    def __init__(
        self,
        base_url: str,
        *,
        auth: Authentication | None = None,
        ca_file: str | None = None,
        workgroup: str | None = None,
        timeout: float = 30.0,
        connect_timeout: float = 10.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if timeout <= 0 or connect_timeout <= 0:
            raise ValueError("timeout and connect_timeout must be positive")
        self._transport = Transport(
            base_url,
            auth or Authentication(),
            ca_file,
            workgroup,
            timeout,
            connect_timeout,
            ssl_context,
        )
        self.files = FileApi(self._transport, self._job)
        """File distribution: blobs on the brain, uploads to nodes, fetches from nodes."""
        self.scenarios = ScenarioApi(self._transport, self.files)
        """Scenarios of the acting workgroup and the nodeapps on its nodes."""
        self.workgroups = WorkgroupApi(self._transport)
        """Workgroup administration: the acting workgroup and those below it."""
        self.tokens = TokenApi(self._transport)
        self.labels = LabelApi(self._transport)
        """Facts, labels and selections: :class:`~octoplane.labels.LabelApi`."""
        """API and join tokens of the acting workgroup."""

    @property
    def base_url(self) -> str:
        """The brain's base URL."""
        return self._transport.base_url

    @property
    def workgroup(self) -> str | None:
        """The workgroup calls act in, or ``None`` for the caller's own."""
        return self._transport.workgroup

    def close(self) -> None:
        """Closes the kept-alive connection; a later call opens a new one."""
        self._transport.close()

    def __enter__(self) -> "OctoplaneClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        workgroup = f", workgroup={self.workgroup}" if self.workgroup else ""
        return f"OctoplaneClient({self.base_url}, auth={self._transport.auth!r}{workgroup})"

    # -- brain and nodes ---------------------------------------------------------------

    def info(self) -> BrainInfo:
        """Names the brain that answers and its version (``GET /api/v1/info``)."""
        return parse(BrainInfo, self._transport.json("GET", V1 + "/info"))

    def nodes(
        self,
        names: Iterable[str] = (),
        state: str | None = None,
        *,
        pattern: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
        workgroup: str | None = None,
    ) -> NodeList:
        """Lists nodes of the registry (``GET /api/v1/nodes``).

        :param names: exact node names, or empty for all; an unknown name answers
            ``node-not-found``
        :param state: ``online``, ``unstable`` or ``offline``, or ``None`` for any
        :param pattern: a glob on the name (``web-*``)
        :param limit: the most nodes of one page; the answer's ``next_cursor`` then asks
            for the next with ``cursor``
        :param workgroup: only nodes of this workgroup
        """
        if limit is not None and limit < 1:
            raise ValueError("limit must be at least 1")
        query = _names(names) + [
            ("state", state.lower() if state else None),
            ("pattern", pattern),
            ("limit", limit),
            ("cursor", cursor),
            ("workgroup", workgroup),
        ]
        return parse(NodeList, self._transport.json("GET", V1 + "/nodes", query))

    def iter_nodes(
        self, state: str | None = None, *, pattern: str | None = None, page_size: int = 500
    ) -> Iterator[Node]:
        """Yields every matching node, reading the registry one page at a time."""
        cursor: str | None = None
        seen: set[str] = set()
        while True:
            page = self.nodes(state=state, pattern=pattern, limit=page_size, cursor=cursor)
            yield from page.nodes
            if not page.next_cursor or page.next_cursor in seen:
                return
            seen.add(page.next_cursor)
            cursor = page.next_cursor

    def node_status(self, names: Iterable[str] = ()) -> NodeStatusList:
        """Reads the latest host metrics of nodes (``GET /api/v1/nodes/status``)."""
        return parse(NodeStatusList, self._transport.json("GET", V1 + "/nodes/status", _names(names)))

    def prune(self, names: Iterable[str] = ()) -> PruneResult:
        """Removes offline nodes from the registry (``DELETE /api/v1/nodes``); empty
        names remove every offline node. An online node answers ``conflict``."""
        return parse(PruneResult, self._transport.json("DELETE", V1 + "/nodes", _names(names)))

    def revoke_node(self, name: str) -> None:
        """Revokes a node's certificate and cuts its connection."""
        self._transport.json("POST", f"{V1}/nodes/{segment(name)}/revoke")

    # -- commands and jobs -------------------------------------------------------------

    def submit(
        self,
        targets: Iterable[str],
        command: str,
        mode: str = "shell",
        *,
        timeout_seconds: int | None = None,
        output_limit_bytes: int | None = None,
        wait_offline_seconds: int | None = None,
        max_concurrency: str | int | None = None,
        max_errors: str | int | None = None,
        continuous: bool | None = None,
        stream_output: bool | None = None,
        start_delay_ms: int | None = None,
        time_aligned: bool | None = None,
        max_clock_error_ms: int | None = None,
    ) -> Job:
        """Starts a job (``POST /api/v1/commands``) and answers at once.

        :param targets: node names (and the target forms the brain accepts, such as
            ``@group``)
        :param command: the shell command, or the script text for ``mode="script"``
        :param mode: ``shell``, ``background``, ``script`` or ``nodeapp``
        :param timeout_seconds: time limit of the command on each node
        :param output_limit_bytes: most output kept per node
        :param wait_offline_seconds: how long offline targets may take to come back
            (without it they end ``expired`` at once)
        :param max_concurrency: most targets running at once: a count or a percentage
            (``"10%"``)
        :param max_errors: failures after which the remaining targets are cancelled: a
            count or a percentage
        :param continuous: keep running on targets after one failed
        :param stream_output: send live output as ``output`` events
        :param start_delay_ms: start this many milliseconds from now
        :param time_aligned: start on every node at the same instant
        :param max_clock_error_ms: the clock error a time-aligned start tolerates
        """
        body = _command(
            targets,
            command,
            mode,
            timeout_seconds=timeout_seconds,
            output_limit_bytes=output_limit_bytes,
            wait_offline_seconds=wait_offline_seconds,
            max_concurrency=max_concurrency,
            max_errors=max_errors,
            continuous=continuous,
            stream_output=stream_output,
            start_delay_ms=start_delay_ms,
            time_aligned=time_aligned,
            max_clock_error_ms=max_clock_error_ms,
        )
        return parse(Job, self._transport.json("POST", V1 + "/commands", body=body))

    def run(
        self,
        targets: Iterable[str],
        command: str,
        mode: str = "shell",
        *,
        timeout: float = 300.0,
        on_event: Callable[[JobEvent], None] | None = None,
        **options: Any,
    ) -> Job:
        """Starts a command and waits until it is done, in one request: ``POST
        /api/v1/commands?follow=true`` answers with the job's event stream.

        The outcome is that of :meth:`submit` then :meth:`wait`, one round trip sooner.
        Options are those of :meth:`submit`; with ``on_event``, live output is asked for
        (``stream_output``) unless the options say otherwise, and ``on_event`` receives
        node states (once each), output and, last, the finished job. A brain that
        answers the start with the job alone (one older than the stream) is followed as
        :meth:`wait` follows it, and so is a job whose stream breaks after the start.

        The start is never sent twice: a refused one raises
        :class:`~octoplane.OctoplaneApiError` and one that got no answer
        :class:`~octoplane.OctoplaneConnectionError` (the job may have started; look
        for it with :meth:`jobs`). Raises :class:`~octoplane.OctoplaneTimeoutError` if
        the job was not done within ``timeout`` seconds; it keeps running.
        """
        if on_event is not None:
            options.setdefault("stream_output", True)
        body = _command(targets, command, mode, **options)
        return _jobs.run(self._transport, self._job, body, timeout, on_event)

    def job(self, job_id: str) -> Job:
        """Reads a job with every target's state and result (``GET /api/v1/jobs/{id}``);
        an unknown id answers ``job-not-found``."""
        return self._job(job_id, None)

    def jobs(self, limit: int = 20, cursor: str | None = None, *, targets: Iterable[str] = ()) -> JobList:
        """Lists the most recent jobs, newest first (``GET /api/v1/jobs``), 1 to
        :data:`MAX_JOBS`; ``cursor`` (a previous answer's ``next_cursor``, on brains that
        page jobs) asks for the next page; ``targets`` (names, ``@group``,
        :func:`~octoplane.selector` entries) keeps only jobs sent to a node they stand for
        now."""
        if not 1 <= limit <= MAX_JOBS:
            raise ValueError(f"limit must be between 1 and {MAX_JOBS}")
        if isinstance(targets, str):
            targets = [targets]
        query = [("limit", limit), ("cursor", cursor)] + [("target", target) for target in targets]
        return parse(JobList, self._transport.json("GET", V1 + "/jobs", query))

    def cancel(self, job_id: str) -> Job:
        """Cancels a job (``POST /api/v1/jobs/{id}/cancel``): targets not yet final end
        ``cancelled``; cancelling a finished job changes nothing."""
        return parse(Job, self._transport.json("POST", f"{V1}/jobs/{_job_segment(job_id)}/cancel"))

    def events(self, job_id: str, timeout: float | None = None) -> Iterator[JobEvent]:
        """Yields a job's events (``GET /api/v1/jobs/{id}/events``) as they happen.

        A :class:`~octoplane.models.NodeResult` whenever a target's state changes (first
        one for every target's current state), an :class:`~octoplane.models.OutputEvent`
        per chunk of live output (jobs submitted with ``stream_output``) and, last, the
        finished :class:`~octoplane.models.Job`. Raises
        :class:`~octoplane.OctoplaneConnectionError` when the stream breaks and
        :class:`~octoplane.OctoplaneTimeoutError` when ``timeout`` seconds pass first.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            yield from _jobs.events(self._transport, _job_segment_raw(job_id), deadline)
        except _jobs.DeadlinePassed:
            raise OctoplaneTimeoutError(job_id, timeout or 0.0) from None

    def wait(
        self,
        job_id: str,
        timeout: float,
        on_event: Callable[[JobEvent], None] | None = None,
    ) -> Job:
        """Waits until a job is done and answers it, following its event stream.

        When the stream breaks (a brain restart, say) it polls the job and re-opens the
        stream. ``on_event`` receives node states (once each) and live output on the
        calling thread. Raises :class:`~octoplane.OctoplaneTimeoutError` if the job was
        not done within ``timeout`` seconds; it keeps running.
        """
        return _jobs.wait(self._transport, self._job, _job_segment_raw(job_id), timeout, on_event)

    def _job(self, job_id: str, timeout: float | None) -> Job:
        return parse(
            Job, self._transport.json("GET", f"{V1}/jobs/{_job_segment(job_id)}", timeout=timeout)
        )

    # -- audit and logs ----------------------------------------------------------------

    def audit(self, limit: int = 50, cursor: str | None = None) -> AuditLog:
        """Reads the audit trail of the acting workgroup and below, newest first
        (``GET /api/v1/audit``), 1 to 1000 entries; ``cursor`` (a previous answer's
        ``next_cursor``, on brains that page the trail) asks for the next page."""
        if not 1 <= limit <= 1000:
            raise ValueError("limit must be between 1 and 1000")
        query = [("limit", limit), ("cursor", cursor)]
        return parse(AuditLog, self._transport.json("GET", V1 + "/audit", query))

    def logs(self, source: str = BRAIN_LOG, lines: int = 100, days: int | None = None) -> LogLines:
        """Reads the newest lines of the brain's log (``source="brain"``, root workgroup
        only) or of a node's, which the brain asks the node's tentacle for.

        :param lines: how many of the newest lines
        :param days: only lines of the last ``days`` days, or ``None`` for all retained
        """
        if lines < 1:
            raise ValueError("lines must be positive")
        if days is not None and days < 1:
            raise ValueError("days must be positive")
        path = V1 + "/logs/brain" if source == BRAIN_LOG else f"{V1}/nodes/{segment(source)}/logs"
        timeout = max(self._transport.timeout, _LOG_TIMEOUT)
        query = [("lines", lines), ("days", days)]
        return parse(LogLines, self._transport.json("GET", path, query, timeout=timeout))


def _command(
    targets: Iterable[str],
    command: str,
    mode: str,
    *,
    timeout_seconds: int | None = None,
    output_limit_bytes: int | None = None,
    wait_offline_seconds: int | None = None,
    max_concurrency: str | int | None = None,
    max_errors: str | int | None = None,
    continuous: bool | None = None,
    stream_output: bool | None = None,
    start_delay_ms: int | None = None,
    time_aligned: bool | None = None,
    max_clock_error_ms: int | None = None,
) -> dict[str, Any]:
    """The body of a command request: the options given, the others left to the brain."""
    body: dict[str, Any] = {"targets": list(targets), "mode": mode, "command": command}
    options = {
        "timeout_seconds": timeout_seconds,
        "output_limit_bytes": output_limit_bytes,
        "wait_offline_seconds": wait_offline_seconds,
        "max_concurrency": None if max_concurrency is None else str(max_concurrency),
        "max_errors": None if max_errors is None else str(max_errors),
        "continuous": continuous,
        "stream_output": stream_output,
        "start_delay_ms": start_delay_ms,
        "time_aligned": time_aligned,
        "max_clock_error_ms": max_clock_error_ms,
    }
    body.update({name: value for name, value in options.items() if value is not None})
    return body


def _names(names: Iterable[str]) -> list[tuple[str, Any]]:
    if isinstance(names, str):
        names = [names]
    return [("name", name) for name in names]


def _job_segment_raw(job_id: str) -> str:
    if not job_id or not job_id.strip():
        raise ValueError("job id must not be blank")
    return job_id


def _job_segment(job_id: str) -> str:
    return segment(_job_segment_raw(job_id))
