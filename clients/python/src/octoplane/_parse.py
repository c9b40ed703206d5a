"""Lenient reading of the brain's JSON into the SDK's dataclasses.

Unknown members are ignored and missing ones keep the field's default, so a newer brain
that adds fields (or an older one that lacks some) does not break a client. Field names
are the JSON member names.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")


def parse(cls: type[T], data: Any) -> T:
    """Builds a dataclass from a decoded JSON object; a non-object gives all defaults."""
    if not isinstance(data, dict):
        data = {}
    hints = _hints(cls)
    values = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if field.init and field.name in data:
            values[field.name] = _convert(hints[field.name], data[field.name])
    return cls(**values)


def parse_datetime(text: Any) -> datetime | None:
    """Reads an ISO-8601 instant as the brain writes it (``2026-12-07T10:00:00.123Z``)."""
    if not isinstance(text, str) or not text:
        return None
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    # fromisoformat of 3.11 reads at most microseconds: drop finer digits.
    dot = value.find(".")
    if dot >= 0:
        end = dot + 1
        while end < len(value) and value[end].isdigit():
            end += 1
        value = value[: min(end, dot + 7)] + value[end:]
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union or origin is types.UnionType:
        for arg in args:
            if arg is not type(None):
                return _convert(arg, value)
        return None
    if origin is list:
        return [_convert(args[0], item) for item in value] if isinstance(value, list) else []
    if origin is dict:
        if not isinstance(value, dict):
            return {}
        return {str(key): _convert(args[1], item) for key, item in value.items()}
    if tp is Any:
        return value
    if dataclasses.is_dataclass(tp):
        return parse(tp, value)
    if tp is datetime:
        return parse_datetime(value)
    if tp is bool:
        return value if isinstance(value, bool) else bool(value)
    if tp is int:
        return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0
    if tp is float:
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0
    if tp is str:
        return value if isinstance(value, str) else str(value)
    return value
