"""Following jobs: their event stream as typed events, starting and waiting for the end."""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.parse
from typing import Any, Callable, Iterator

from ._parse import parse
from ._transport import Transport, segment
from .errors import OctoplaneApiError, OctoplaneConnectionError, OctoplaneTimeoutError
from .models import Job, JobEvent, NodeResult, OutputEvent
from .sse import SseEvent, SseParser

JOBS = "/api/v1/jobs"
COMMANDS = "/api/v1/commands"

# A stream silent this long is presumed dead; the brain sends keep-alives every 15s.
IDLE_LIMIT = 60.0
# Time allowed for one last look at the job once the deadline has passed.
LAST_LOOK = 5.0
# Status codes of a brain that is restarting or behind a proxy that lost it.
_TRANSIENT = (502, 503, 504)


class DeadlinePassed(Exception):
    """The caller's deadline passed while reading the stream."""


def typed(event: SseEvent) -> JobEvent | None:
    """The typed form of one event of a job's stream, or ``None`` for an unknown type."""
    try:
        data = json.loads(event.data)
    except ValueError:
        return None
    if event.type == "node":
        return parse(NodeResult, data)
    if event.type == "output":
        return parse(OutputEvent, data)
    if event.type == "done":
        return parse(Job, data)
    return None


def events(transport: Transport, job_id: str, deadline: float | None = None) -> Iterator[JobEvent]:
    """Yields a job's events until the final :class:`Job`, which ends the stream.

    ``deadline`` is a :func:`time.monotonic` instant; past it :class:`DeadlinePassed` is
    raised. A stream that breaks or stays silent past the idle limit raises
    :class:`OctoplaneConnectionError`.
    """
    path = f"{JOBS}/{segment(job_id)}/events"
    connection, response = transport.open_stream(
        "GET",
        path,
        headers={"Accept": "text/event-stream, application/problem+json"},
        timeout=_read_timeout(deadline),
    )
    try:
        content_type = response.getheader("Content-Type") or ""
        if not content_type.startswith("text/event-stream"):
            raise OctoplaneApiError(
                response.status,
                "Not an event stream",
                f"the brain answered the events of job {job_id} with {content_type or 'no content type'}",
            )
        for event in _read(transport, connection, response, f"the event stream of job {job_id}", deadline):
            item = typed(event)
            if item is not None:
                yield item
                if isinstance(item, Job):
                    return
    finally:
        connection.close()


def run(
    transport: Transport,
    get_job: Callable[[str, float | None], Job],
    body: dict[str, Any],
    timeout: float,
    on_event: Callable[[JobEvent], None] | None = None,
) -> Job:
    """Starts a job and waits until it is done, in one request when the brain can.

    ``POST /api/v1/commands?follow=true`` answers with the job's event stream, first
    ``accepted`` (the job as stored), then what :func:`events` yields. A brain that
    answers the start with the job alone (one that predates the stream) is followed as
    :func:`wait` follows it; so is a job whose stream breaks after the start, by the id
    the answer's ``Location`` names. The start itself is never sent twice: one that is
    refused raises its :class:`OctoplaneApiError`, one that gets no answer raises
    :class:`OctoplaneConnectionError`, as a submit would.
    """
    watch = _Watch(get_job, transport, timeout, on_event)
    query: list[tuple[str, Any]] = [("follow", True)]
    if on_event is None:
        # Only the end is wanted: the brain need not send every state change.
        query.append(("nodes", False))
    connection, response = transport.start(
        COMMANDS,
        query,
        json.dumps(body).encode("utf-8"),
        {"Accept": "text/event-stream, application/problem+json, application/json"},
        min(transport.timeout, timeout),
    )
    content_type = response.getheader("Content-Type") or ""
    if not content_type.startswith("text/event-stream"):
        job = _submitted(transport, connection, response)
        return watch.settle(job) if job.done else watch.follow(job.id)
    job_id = _location_id(response.getheader("Location"))
    kept = False
    try:
        for event in _read(transport, connection, response, "the event stream of the job", watch.deadline):
            if event.type == "accepted":
                job_id = _accepted_id(event) or job_id
                continue
            item = typed(event)
            if isinstance(item, Job):
                # The brain ends the stream next; the next call reads that end and
                # reuses the connection.
                transport.keep_ending(connection, response)
                kept = True
                return watch.settle(item)
            if item is not None:
                watch.report(item)
    except DeadlinePassed:
        pass
    except OctoplaneConnectionError:
        if job_id is None:
            raise
    finally:
        if not kept:
            connection.close()
    if job_id is None:
        raise OctoplaneConnectionError(
            f"the brain at {transport.base_url} started a job without naming it", "io"
        )
    return watch.follow(job_id)


def wait(
    transport: Transport,
    get_job: Callable[[str, float | None], Job],
    job_id: str,
    timeout: float,
    on_event: Callable[[JobEvent], None] | None = None,
) -> Job:
    """Waits until a job is done, following its event stream.

    When the stream cannot be opened or breaks (a brain restart, a proxy timeout) it
    polls the job every 0.5 to 5 seconds and re-opens the stream, so the final job
    arrives as long as the brain comes back in time. Node states reach ``on_event``
    once each, although every new stream repeats them.
    """
    return _Watch(get_job, transport, timeout, on_event).follow(job_id)


class _Watch:
    """One wait for one job: its deadline and the node states already reported."""

    def __init__(
        self,
        get_job: Callable[[str, float | None], Job],
        transport: Transport,
        timeout: float,
        on_event: Callable[[JobEvent], None] | None,
    ) -> None:
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        self.deadline = time.monotonic() + timeout
        self._get_job = get_job
        self._transport = transport
        self._timeout = timeout
        self._on_event = on_event
        self._seen: dict[str, str] = {}

    def report(self, item: JobEvent) -> None:
        """Passes an event on, each node state once."""
        if self._on_event is None:
            return
        if isinstance(item, Job):
            # A target may end with the job: its last state comes only in the job.
            for result in item.results:
                self.report(result)
        elif isinstance(item, NodeResult):
            if self._seen.get(item.name) == item.state:
                return
            self._seen[item.name] = item.state
        self._on_event(item)

    def settle(self, job: Job) -> Job:
        """Reports the final job and answers it."""
        self.report(job)
        return job

    def follow(self, job_id: str) -> Job:
        """Follows the job's events, polling while they cannot be read, until it is done
        or the deadline passes."""
        delay = 0.5
        transport = self._transport
        while True:
            if time.monotonic() >= self.deadline:
                final = self._get_job(job_id, LAST_LOOK)
                if final.done:
                    return self.settle(final)
                raise OctoplaneTimeoutError(job_id, self._timeout, final)
            try:
                for item in events(transport, job_id, self.deadline):
                    if isinstance(item, Job):
                        return self.settle(item)
                    self.report(item)
            except DeadlinePassed:
                continue
            except OctoplaneConnectionError:
                pass
            except OctoplaneApiError as ex:
                if ex.status not in _TRANSIENT:
                    raise
            try:
                left = self.deadline - time.monotonic()
                polled = self._get_job(job_id, max(1.0, min(transport.timeout, left)))
                if polled.done:
                    return self.settle(polled)
            except OctoplaneConnectionError:
                pass
            except OctoplaneApiError as ex:
                if ex.status not in _TRANSIENT:
                    raise
            pause = min(delay, max(0.0, self.deadline - time.monotonic()))
            if pause > 0:
                time.sleep(pause)
            delay = min(delay * 2, 5.0)


def _read(
    transport: Transport,
    connection: http.client.HTTPConnection,
    response: http.client.HTTPResponse,
    what: str,
    deadline: float | None,
) -> Iterator[SseEvent]:
    """Yields the events of a stream until its end, which comes too early: the brain
    ends a job's stream only after its last event."""
    parser = SseParser()
    while True:
        if connection.sock is not None:
            connection.sock.settimeout(_read_timeout(deadline))
        try:
            raw = response.readline()
        except (TimeoutError, socket.timeout) as ex:
            if deadline is not None and time.monotonic() >= deadline:
                raise DeadlinePassed() from ex
            raise OctoplaneConnectionError(f"{what} at {transport.base_url} went silent", "timeout") from ex
        except (OSError, http.client.HTTPException) as ex:
            raise transport.failure(ex) from ex
        if not raw:
            raise OctoplaneConnectionError(f"{what} at {transport.base_url} ended before the job did", "io")
        event = parser.line(raw.decode("utf-8", errors="replace").rstrip("\r\n"))
        if event is not None:
            yield event


def _submitted(
    transport: Transport, connection: http.client.HTTPConnection, response: http.client.HTTPResponse
) -> Job:
    """The job an older brain answers a start with, as it answers a submit."""
    try:
        data = response.read()
    except (OSError, http.client.HTTPException) as ex:
        connection.close()
        raise transport.failure(ex) from ex
    transport.keep(connection, response)
    try:
        job = parse(Job, json.loads(data.decode("utf-8")))
    except ValueError as ex:
        raise OctoplaneApiError(
            response.status,
            "Unreadable answer from the brain",
            f"the body is not JSON (is the brain a different version?): {ex}",
        ) from ex
    if not job.id:
        raise OctoplaneApiError(response.status, "Unreadable answer from the brain", "the job has no id")
    return job


def _location_id(location: str | None) -> str | None:
    if not location:
        return None
    return urllib.parse.unquote(location.rstrip("/").rsplit("/", 1)[-1]) or None


def _accepted_id(event: SseEvent) -> str | None:
    try:
        data = json.loads(event.data)
    except ValueError:
        return None
    job_id = data.get("id") if isinstance(data, dict) else None
    return job_id if isinstance(job_id, str) and job_id else None


def _read_timeout(deadline: float | None) -> float:
    if deadline is None:
        return IDLE_LIMIT
    return max(0.05, min(IDLE_LIMIT, deadline - time.monotonic()))
