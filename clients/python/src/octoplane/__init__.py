"""Octoplane's Python SDK: a typed client of the brain's REST API on the standard library.

>>> from octoplane import OctoplaneClient, TokenAuth
>>> with OctoplaneClient("https://brain:12345", ca_file="ca.pem",
...                      auth=TokenAuth(token)) as brain:           # doctest: +SKIP
...     for node in brain.nodes(state="online").nodes:
...         print(node.name)
"""

from .auth import Authentication, CertificateAuth, PasswordAuth, TokenAuth
from .client import BRAIN_LOG, MAX_JOBS, OctoplaneClient
from .errors import (
    FileTransferError,
    OctoplaneApiError,
    OctoplaneConnectionError,
    OctoplaneError,
    OctoplaneTimeoutError,
)
from .files import StagedFile
from .labels import selector
from .sse import SseEvent, SseParser

__version__ = "0.1.0"

__all__ = [
    "OctoplaneClient",
    "Authentication",
    "CertificateAuth",
    "PasswordAuth",
    "TokenAuth",
    "OctoplaneError",
    "OctoplaneApiError",
    "OctoplaneConnectionError",
    "OctoplaneTimeoutError",
    "FileTransferError",
    "StagedFile",
    "selector",
    "SseEvent",
    "SseParser",
    "BRAIN_LOG",
    "MAX_JOBS",
]
