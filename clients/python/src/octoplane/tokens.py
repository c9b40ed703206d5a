"""API and join tokens of the acting workgroup."""

from __future__ import annotations

from ._parse import parse
from ._transport import Transport, segment
from .models import Token, TokenList

__all__ = ["TokenApi"]

TOKENS = "/api/v1/tokens"


class TokenApi:
    """Token calls of an :class:`~octoplane.OctoplaneClient`."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def create(
        self,
        role: str = "operator",
        ttl_seconds: int = 3600,
        uses: int | None = None,
        description: str | None = None,
    ) -> Token:
        """Creates a token in the acting workgroup. The answer's ``token`` is the secret,
        shown only this once.

        :param role: ``operator`` (an API token for :class:`~octoplane.TokenAuth`) or
            ``node`` (a join token for enrolling a tentacle)
        :param ttl_seconds: lifetime
        :param uses: how many times it may be used, or ``None`` for no limit
        """
        body = {"role": role, "ttl_seconds": ttl_seconds, "uses": uses, "description": description}
        return parse(Token, self._transport.json("POST", TOKENS, body=body))

    def list(self) -> TokenList:
        """Lists the tokens of the acting workgroup and below, without secrets."""
        return parse(TokenList, self._transport.json("GET", TOKENS))

    def revoke(self, token_id: str) -> None:
        """Revokes a token at once, by its id (not its secret)."""
        self._transport.json("DELETE", f"{TOKENS}/{segment(token_id)}")
