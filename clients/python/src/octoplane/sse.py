"""Server-Sent Events: turns the lines of a ``text/event-stream`` body into events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

__all__ = ["SseEvent", "SseParser"]


@dataclass(frozen=True)
class SseEvent:
    """One dispatched event: its type (``message`` when the stream named none) and data."""

    type: str
    data: str


class SseParser:
    """Follows the WHATWG "event stream interpretation" rules the brain relies on.

    A blank line dispatches the event, ``data`` fields are joined with newlines, lines
    starting with a colon are comments (the brain's keep-alives), one space after a
    field's colon is dropped, and an event without data is not dispatched. ``id`` and
    ``retry`` are ignored: the brain repeats every target's state on connect, so a
    client never resumes by id.
    """

    _DEFAULT_TYPE = "message"

    def __init__(self) -> None:
        self._data: list[str] = []
        self._type = self._DEFAULT_TYPE
        self._first = True

    def line(self, line: str) -> SseEvent | None:
        """Feeds one line without its terminator; answers the event it completed, if any."""
        if self._first:
            self._first = False
            if line.startswith("\ufeff"):
                line = line[1:]
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._type = value
        elif name == "data":
            self._data.append(value)
        return None

    def feed(self, lines: Iterable[str]) -> Iterator[SseEvent]:
        """Feeds lines (terminators are stripped) and yields the events they complete."""
        for raw in lines:
            event = self.line(raw.rstrip("\r\n"))
            if event is not None:
                yield event

    @staticmethod
    def is_comment(line: str) -> bool:
        """Whether a line is a comment, which the brain sends as a keep-alive."""
        return line.startswith(":")

    def _dispatch(self) -> SseEvent | None:
        event_type = self._type or self._DEFAULT_TYPE
        self._type = self._DEFAULT_TYPE
        if not self._data:
            return None
        data = "\n".join(self._data)
        self._data = []
        return SseEvent(event_type, data)
