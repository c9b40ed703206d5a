"""How a client proves who the operator is: certificate, workgroup password or API token."""

from __future__ import annotations

import base64
import ssl
from dataclasses import dataclass, field

__all__ = ["Authentication", "CertificateAuth", "PasswordAuth", "TokenAuth"]


class Authentication:
    """Credentials of every call a client makes.

    With an operator certificate the proof travels in the TLS handshake, so
    :class:`CertificateAuth` loads the certificate into the TLS context and adds no
    header; :class:`PasswordAuth` (HTTP Basic: a workgroup path and its password) and
    :class:`TokenAuth` (bearer API token) set the ``Authorization`` header, as octl and
    the Java SDK do. None of them shows its secret in ``repr``.
    """

    def headers(self) -> dict[str, str]:
        """The headers this authentication adds to each request."""
        return {}

    def configure(self, context: ssl.SSLContext) -> None:
        """Loads a client certificate into the TLS context, if this authentication has one."""


@dataclass(frozen=True)
class CertificateAuth(Authentication):
    """An operator client certificate and its private key, both PEM files.

    ``key_password`` decrypts an encrypted key; the files are read when the client
    connects.
    """

    cert_file: str
    key_file: str
    key_password: str | None = field(default=None, repr=False)

    def configure(self, context: ssl.SSLContext) -> None:
        context.load_cert_chain(self.cert_file, self.key_file, self.key_password)


@dataclass(frozen=True)
class PasswordAuth(Authentication):
    """HTTP Basic as a workgroup: the user is its path (``/lab/pis``), the password the one
    set with ``octl wg grant``. Calls act in that workgroup unless the client names one
    below it. The header is ``Basic base64(utf8(user + ":" + password))``.
    """

    user: str
    password: str = field(repr=False)

    def __post_init__(self) -> None:
        user = self.user.strip()
        if not user:
            raise ValueError("user must not be blank")
        if ":" in user:
            raise ValueError(f"user '{user}' must not contain ':'")
        if not self.password:
            raise ValueError("password must not be empty")
        object.__setattr__(self, "user", user)

    def headers(self) -> dict[str, str]:
        # The brain decodes UTF-8 (it announces charset="UTF-8" in WWW-Authenticate).
        raw = f"{self.user}:{self.password}".encode("utf-8")
        return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}


@dataclass(frozen=True)
class TokenAuth(Authentication):
    """A bearer API token (``octl token create --role operator``); calls act in the
    token's workgroup."""

    token: str = field(repr=False)

    def __post_init__(self) -> None:
        token = self.token.strip()
        if not token:
            raise ValueError("token must not be blank")
        for index, char in enumerate(token):
            if char <= " " or char > "~":
                raise ValueError(
                    f"token must be printable ASCII without spaces (character {index + 1} is not)"
                )
        object.__setattr__(self, "token", token)

    def headers(self) -> dict[str, str]:
        return {"Authorization": "Bearer " + self.token}
