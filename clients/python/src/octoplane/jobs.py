"""Following jobs: their event stream as typed events, and waiting for the end."""

from __future__ import annotations

import http.client
import json
import socket
import time
from typing import Callable, Iterator

from ._parse import parse
from ._transport import Transport, segment
from .errors import OctoplaneApiError, OctoplaneConnectionError, OctoplaneTimeoutError
from .models import Job, JobEvent, NodeResult, OutputEvent
from .sse import SseEvent, SseParser

JOBS = "/api/v1/jobs"

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
        parser = SseParser()
        while True:
            if connection.sock is not None:
                connection.sock.settimeout(_read_timeout(deadline))
            try:
                raw = response.readline()
            except (TimeoutError, socket.timeout) as ex:
                if deadline is not None and time.monotonic() >= deadline:
                    raise DeadlinePassed() from ex
                raise OctoplaneConnectionError(
                    f"the event stream of job {job_id} at {transport.base_url} went silent", "timeout"
                ) from ex
            except (OSError, http.client.HTTPException) as ex:
                raise transport.failure(ex) from ex
            if not raw:
                raise OctoplaneConnectionError(
                    f"the event stream of job {job_id} at {transport.base_url} ended before the job did",
                    "io",
                )
            event = parser.line(raw.decode("utf-8", errors="replace").rstrip("\r\n"))
            if event is None:
                continue
            item = typed(event)
            if item is not None:
                yield item
                if isinstance(item, Job):
                    return
    finally:
        connection.close()


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
    if timeout <= 0:
        raise ValueError("timeout must be positive")
    deadline = time.monotonic() + timeout
    seen: dict[str, str] = {}
    delay = 0.5

    def report(item: JobEvent) -> None:
        if on_event is None:
            return
        if isinstance(item, Job):
            # A target may end with the job: its last state comes only in the job.
            for result in item.results:
                report(result)
        elif isinstance(item, NodeResult):
            if seen.get(item.name) == item.state:
                return
            seen[item.name] = item.state
        on_event(item)

    while True:
        if time.monotonic() >= deadline:
            final = get_job(job_id, LAST_LOOK)
            if final.done:
                report(final)
                return final
            raise OctoplaneTimeoutError(job_id, timeout, final)
        try:
            for item in events(transport, job_id, deadline):
                report(item)
                if isinstance(item, Job):
                    return item
        except DeadlinePassed:
            continue
        except OctoplaneConnectionError:
            pass
        except OctoplaneApiError as ex:
            if ex.status not in _TRANSIENT:
                raise
        try:
            polled = get_job(job_id, max(1.0, min(transport.timeout, deadline - time.monotonic())))
            if polled.done:
                report(polled)
                return polled
        except OctoplaneConnectionError:
            pass
        except OctoplaneApiError as ex:
            if ex.status not in _TRANSIENT:
                raise
        pause = min(delay, max(0.0, deadline - time.monotonic()))
        if pause > 0:
            time.sleep(pause)
        delay = min(delay * 2, 5.0)


def _read_timeout(deadline: float | None) -> float:
    if deadline is None:
        return IDLE_LIMIT
    return max(0.05, min(IDLE_LIMIT, deadline - time.monotonic()))
