"""Exceptions of the SDK: the brain's problem documents and failures to reach it."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Mapping

__all__ = [
    "OctoplaneError",
    "OctoplaneApiError",
    "OctoplaneConnectionError",
    "OctoplaneTimeoutError",
    "FileTransferError",
]

_EXCERPT_LENGTH = 200


class OctoplaneError(Exception):
    """Base class of every error the SDK raises on purpose."""


class OctoplaneApiError(OctoplaneError):
    """The brain answered with an error.

    For an RFC 9457 problem document it carries the document's ``code`` (the brain's
    error code slug, such as ``node-not-found``), ``status``, ``title`` and ``detail``;
    for any other error body (a proxy's HTML page, say) ``code`` is ``None`` and
    ``detail`` says what came back instead. Branch on ``code``, never on the text.
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: str | None = None,
        code: str | None = None,
        retry_after: float | None = None,
        problem: Mapping[str, object] | None = None,
    ) -> None:
        self.status = status
        self.title = title
        self.detail = detail
        self.code = code
        self.retry_after = retry_after
        self.problem: Mapping[str, object] = dict(problem or {})
        super().__init__(self._message())

    def _message(self) -> str:
        message = self.title
        if self.detail and self.detail.strip() and self.detail != self.title:
            message += ": " + self.detail
        message += f" (HTTP {self.status}"
        if self.code:
            message += ", " + self.code
        return message + ")"

    @classmethod
    def from_response(
        cls, status: int, content_type: str | None, body: bytes, retry_after: str | None = None
    ) -> "OctoplaneApiError":
        """Reads an error answer: a problem document when there is one, else a description."""
        content_type = content_type or ""
        problem = _json_object(body)
        wait = _retry_after(retry_after)
        if problem is not None and (
            content_type.startswith("application/problem+json") or "code" in problem
        ):
            title = _text(problem, "title") or f"HTTP {status}"
            member = problem.get("status")
            return cls(
                member if isinstance(member, int) and not isinstance(member, bool) else status,
                title,
                _text(problem, "detail"),
                _text(problem, "code"),
                wait,
                problem,
            )
        described = content_type or "no content type"
        return cls(
            status,
            f"HTTP {status} without a problem document",
            f"the brain (or a proxy in front of it) answered with {described}: {_excerpt(body)}",
            None,
            wait,
        )


class OctoplaneConnectionError(OctoplaneError):
    """The brain could not be reached or did not answer.

    Connection refused, unknown host, a TLS handshake failure (the message says whether
    the brain's certificate was refused), a timeout or a dropped connection. ``reason``
    is one of ``refused``, ``unknown-host``, ``tls``, ``timeout`` or ``io``.
    """

    def __init__(self, message: str, reason: str = "io") -> None:
        self.reason = reason
        super().__init__(message)


class OctoplaneTimeoutError(OctoplaneError):
    """A job was not done within the time a caller waited; it keeps running on the brain.

    ``job`` is the last state seen (a :class:`octoplane.models.Job`), or ``None``.
    """

    def __init__(self, job_id: str, timeout: float, job: object | None = None) -> None:
        self.job_id = job_id
        self.timeout = timeout
        self.job = job
        super().__init__(f"job {job_id} was not done within {timeout:g}s; it keeps running")


class FileTransferError(OctoplaneError):
    """A node did not send, list or receive a file; the message says why."""


def _json_object(body: bytes) -> dict | None:
    if not body or not body.strip():
        return None
    try:
        value = json.loads(body.decode("utf-8", errors="replace"))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _text(problem: Mapping[str, object], member: str) -> str | None:
    value = problem.get(member)
    return value if isinstance(value, str) else None


def _excerpt(body: bytes) -> str:
    flat = " ".join(body.decode("utf-8", errors="replace").split())
    if not flat:
        return "(empty body)"
    return flat if len(flat) <= _EXCERPT_LENGTH else flat[:_EXCERPT_LENGTH] + "..."


def _retry_after(value: str | None) -> float | None:
    """Reads ``Retry-After``: delay seconds, or an HTTP date (RFC 9110, 10.2.3)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, round((when - datetime.now(timezone.utc)).total_seconds()))
