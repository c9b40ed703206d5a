"""The one way every part of the SDK talks to the brain.

Builds requests against the base URL with the workgroup header and credentials, sends
them on one kept-alive HTTPS connection, reads the JSON answer and turns error answers
and transport failures into the SDK's exceptions.
"""

from __future__ import annotations

import http.client
import json
import select
import socket
import ssl
import urllib.parse
from typing import Any, BinaryIO, Callable, Iterable, Mapping

from .auth import Authentication
from .errors import OctoplaneApiError, OctoplaneConnectionError

WORKGROUP_HEADER = "X-Octoplane-Workgroup"
USER_AGENT = "octoplane-python"
CHUNK = 64 * 1024
# The brain ends an event stream right after its last event: within a millisecond, though
# a proxy may hold it longer.
STREAM_END_GRACE = 0.5

Query = Iterable[tuple[str, Any]]

# A reused connection the brain closed while idle fails like this before any answer.
_STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)

# Methods whose second sending changes nothing the first did not.
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


def segment(value: str) -> str:
    """A value made safe for one path segment."""
    if not value or not value.strip():
        raise ValueError("a path segment must not be blank")
    return urllib.parse.quote(value, safe="")


class Transport:
    """One brain, one TLS context and one kept-alive connection; not thread-safe."""

    def __init__(
        self,
        base_url: str,
        auth: Authentication,
        ca_file: str | None,
        workgroup: str | None,
        timeout: float,
        connect_timeout: float,
        ssl_context: ssl.SSLContext | None,
    ) -> None:
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme not in ("https", "http") or not parsed.hostname:
            raise ValueError(f"base_url '{base_url}' must be an https:// URL with a host")
        self.base_url = f"{parsed.scheme}://{parsed.netloc}"
        self.scheme = parsed.scheme
        self.host = parsed.hostname
        self.port = parsed.port or (443 if parsed.scheme == "https" else 80)
        self.auth = auth
        self.workgroup = _workgroup(workgroup)
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self._context = ssl_context
        self._ca_file = ca_file
        self._connection: http.client.HTTPConnection | None = None
        self._answers = 0
        self._ending: tuple[http.client.HTTPConnection, http.client.HTTPResponse] | None = None

    # -- requests ----------------------------------------------------------------------

    def json(
        self,
        method: str,
        path: str,
        query: Query = (),
        body: Any = None,
        timeout: float | None = None,
    ) -> Any:
        """Sends a call with an optional JSON body; answers the decoded JSON (or ``None``)."""
        payload = None if body is None else json.dumps(body).encode("utf-8")
        headers = {"Content-Type": "application/json"} if payload is not None else {}
        status, _, data = self.exchange(method, path, query, payload, headers, timeout)
        if status == 204 or not data.strip():
            return None
        try:
            return json.loads(data.decode("utf-8"))
        except ValueError as ex:
            raise OctoplaneApiError(
                status,
                "Unreadable answer from the brain",
                f"the body is not JSON (is the brain a different version?): {ex}",
            ) from ex

    def exchange(
        self,
        method: str,
        path: str,
        query: Query = (),
        body: bytes | BinaryIO | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        """Sends one request on the kept-alive connection and reads the whole answer.

        A non-2xx answer raises :class:`OctoplaneApiError`. A request the brain dropped
        because it had closed the idle connection is sent once more on a new one when its
        body can be sent again and sending it twice is harmless (GET, PUT, DELETE). A POST
        is sent once: it goes on a new connection when the brain has closed the kept-alive
        one, and a POST that gets no answer raises, since the brain may have acted on it.
        """
        target = self.target(path, query)
        all_headers = self.headers(headers)
        replayable = (body is None or isinstance(body, bytes)) and method in _IDEMPOTENT
        for attempt in (1, 2):
            connection = self._connect(timeout)
            reused = self._answers > 0
            if reused and method not in _IDEMPOTENT and _dropped(connection):
                self.close()
                connection = self._connect(timeout)
                reused = False
            try:
                connection.request(method, target, body=body, headers=all_headers)
                response = connection.getresponse()
                data = response.read()
            except _STALE as ex:
                self.close()
                if attempt == 1 and reused and replayable:
                    continue
                raise self.failure(ex) from ex
            except (OSError, http.client.HTTPException) as ex:
                self.close()
                raise self.failure(ex) from ex
            self._answers += 1
            if response.will_close:
                self.close()
            if response.status // 100 != 2:
                raise OctoplaneApiError.from_response(
                    response.status,
                    response.getheader("Content-Type"),
                    data,
                    response.getheader("Retry-After"),
                )
            return response.status, response.msg, data
        raise AssertionError("unreachable")

    def open_stream(
        self,
        method: str,
        path: str,
        query: Query = (),
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        """Opens a request on a connection of its own, for answers read as a stream (events,
        downloads); the caller closes the connection. A non-2xx answer raises."""
        connection = self._new_connection(timeout)
        try:
            connection.request(method, self.target(path, query), headers=self.headers(headers))
            response = connection.getresponse()
        except (OSError, http.client.HTTPException) as ex:
            connection.close()
            raise self.failure(ex) from ex
        if response.status // 100 != 2 and response.status != 416:
            try:
                data = response.read(1024 * 1024)
            except (OSError, http.client.HTTPException):
                data = b""
            connection.close()
            raise OctoplaneApiError.from_response(
                response.status,
                response.getheader("Content-Type"),
                data,
                response.getheader("Retry-After"),
            )
        return connection, response

    def start(
        self,
        path: str,
        query: Query,
        body: bytes,
        headers: Mapping[str, str],
        timeout: float | None = None,
    ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        """Sends a POST that must never be sent twice and answers its response unread.

        It goes on the kept-alive connection unless the brain has closed that one, so a
        start costs no new TLS handshake. It is sent once: a request that gets no answer
        raises :class:`OctoplaneConnectionError`, since the brain may have acted on it.
        A non-2xx answer raises :class:`OctoplaneApiError`. The caller owns the
        connection: it hands it back with :meth:`keep` once the answer is read, or closes
        it.
        """
        self._take_ending()
        connection = self._connection
        self._connection = None
        self._answers = 0
        if connection is not None and _dropped(connection):
            connection.close()
            connection = None
        if connection is None:
            connection = self._new_connection(timeout)
        else:
            wait = self.timeout if timeout is None else timeout
            connection.timeout = wait
            if connection.sock is not None:
                connection.sock.settimeout(wait)
        try:
            all_headers = self.headers(headers)
            all_headers["Content-Type"] = "application/json"
            connection.request("POST", self.target(path, query), body=body, headers=all_headers)
            response = connection.getresponse()
        except (OSError, http.client.HTTPException) as ex:
            connection.close()
            raise self.failure(ex) from ex
        if response.status // 100 != 2:
            try:
                data = response.read(1024 * 1024)
            except (OSError, http.client.HTTPException):
                data = b""
            self.keep(connection, response)
            raise OctoplaneApiError.from_response(
                response.status,
                response.getheader("Content-Type"),
                data,
                response.getheader("Retry-After"),
            )
        return connection, response

    def keep(self, connection: http.client.HTTPConnection, response: http.client.HTTPResponse) -> None:
        """Takes back a connection whose answer was read to its end, to carry the next
        call; closes it instead when the answer was not read whole, the brain closes it,
        or another connection is kept already."""
        if self._connection is None and response.isclosed() and not response.will_close:
            self._connection = connection
            self._answers = 1
        else:
            connection.close()

    def keep_ending(self, connection: http.client.HTTPConnection, response: http.client.HTTPResponse) -> None:
        """Takes back a connection whose event stream was read up to its last event: the
        next call reads the end the brain sends right after it and then reuses the
        connection, so the caller does not wait for that end now."""
        if self._connection is None and self._ending is None:
            self._ending = (connection, response)
        else:
            connection.close()

    def target(self, path: str, query: Query = ()) -> str:
        """The request target: the path and its encoded query."""
        pairs = [(name, _query_value(value)) for name, value in query if value is not None]
        return path + ("?" + urllib.parse.urlencode(pairs) if pairs else "")

    def headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """Headers of every request: accept, user agent, workgroup and credentials."""
        headers = {
            "Accept": "application/json, application/problem+json",
            "User-Agent": USER_AGENT,
        }
        if self.workgroup is not None:
            headers[WORKGROUP_HEADER] = self.workgroup
        headers.update(self.auth.headers())
        if extra:
            headers.update(extra)
        return headers

    # -- connections -------------------------------------------------------------------

    def close(self) -> None:
        """Closes the kept-alive connection; the next call opens a new one."""
        if self._ending is not None:
            self._ending[0].close()
            self._ending = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None
            self._answers = 0

    def ssl_context(self) -> ssl.SSLContext:
        """The TLS context: the given one, or one trusting the CA file with the client
        certificate of a :class:`~octoplane.auth.CertificateAuth`."""
        if self._context is None:
            try:
                context = ssl.create_default_context(cafile=self._ca_file)
                self.auth.configure(context)
            except (OSError, ssl.SSLError) as ex:
                raise OctoplaneConnectionError(
                    f"cannot load the TLS files for brain at {self.base_url}: {ex}", "tls"
                ) from ex
            self._context = context
        return self._context

    def _connect(self, timeout: float | None) -> http.client.HTTPConnection:
        self._take_ending()
        if self._connection is None:
            self._connection = self._new_connection(timeout)
            self._answers = 0
        else:
            wait = self.timeout if timeout is None else timeout
            self._connection.timeout = wait
            if self._connection.sock is not None:
                self._connection.sock.settimeout(wait)
        return self._connection

    def _take_ending(self) -> None:
        """Reads the end of the stream a connection was left with and keeps the connection
        if the stream ended cleanly."""
        if self._ending is None:
            return
        connection, response = self._ending
        self._ending = None
        if connection.sock is not None:
            connection.sock.settimeout(STREAM_END_GRACE)
        try:
            response.read(CHUNK)
        except (OSError, http.client.HTTPException):
            connection.close()
            return
        self.keep(connection, response)

    def _new_connection(self, timeout: float | None) -> http.client.HTTPConnection:
        wait = self.timeout if timeout is None else timeout
        if self.scheme == "https":
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                self.host, self.port, timeout=self.connect_timeout, context=self.ssl_context(),
                blocksize=CHUNK,
            )
        else:
            connection = http.client.HTTPConnection(
                self.host, self.port, timeout=self.connect_timeout, blocksize=CHUNK
            )
        try:
            connection.connect()
        except (OSError, http.client.HTTPException) as ex:
            connection.close()
            raise self.failure(ex) from ex
        connection.timeout = wait
        if connection.sock is not None:
            connection.sock.settimeout(wait)
        return connection

    def failure(self, ex: BaseException) -> OctoplaneConnectionError:
        """Describes a transport failure in words an operator can act on."""
        brain = self.base_url
        if isinstance(ex, ssl.SSLCertVerificationError):
            return OctoplaneConnectionError(
                f"TLS handshake with {brain} failed: the brain's certificate was refused "
                f"({ex.verify_message or ex.reason}); check the CA file and the brain's address",
                "tls",
            )
        if isinstance(ex, ssl.SSLError):
            reason = ex.reason or str(ex)
            hint = ""
            if "CERTIFICATE" in str(reason).upper() or "ALERT" in str(reason).upper():
                hint = "; the brain refused our client certificate or asked for one"
            return OctoplaneConnectionError(f"TLS handshake with {brain} failed: {reason}{hint}", "tls")
        if isinstance(ex, ConnectionRefusedError):
            return OctoplaneConnectionError(f"cannot reach brain at {brain}: connection refused", "refused")
        if isinstance(ex, socket.gaierror):
            return OctoplaneConnectionError(
                f"cannot reach brain at {brain}: unknown host {self.host}", "unknown-host"
            )
        if isinstance(ex, (TimeoutError, socket.timeout)):
            return OctoplaneConnectionError(f"brain at {brain} did not answer in time", "timeout")
        if isinstance(ex, http.client.RemoteDisconnected):
            return OctoplaneConnectionError(
                f"brain at {brain} closed the connection without an answer", "io"
            )
        return OctoplaneConnectionError(f"connection to brain at {brain} failed: {ex}", "io")


def _dropped(connection: http.client.HTTPConnection) -> bool:
    """Whether the brain closed an idle kept-alive connection: nothing is due on it, so
    a socket that reads (its end, or a TLS alert) is one the brain let go."""
    sock = connection.sock
    if sock is None:
        return True
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _workgroup(workgroup: str | None) -> str | None:
    if workgroup is None:
        return None
    trimmed = workgroup.strip()
    if not trimmed:
        raise ValueError("workgroup must not be blank")
    if not all(" " < char <= "~" for char in trimmed):
        raise ValueError(f"workgroup '{trimmed}' must be printable ASCII without spaces")
    return trimmed


class ProgressReader:
    """A file read for an upload: counts bytes, hashes them and reports progress."""

    def __init__(self, file: BinaryIO, progress: Callable[[int], None] | None, digest: Any) -> None:
        self._file = file
        self._progress = progress
        self._digest = digest
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        """Reads the next chunk, hashing and counting it."""
        data = self._file.read(size)
        if data:
            self.count += len(data)
            self._digest.update(data)
            if self._progress is not None:
                self._progress(self.count)
        return data
