"""The parties' window (当事人查询): access codes checked, messages left.
(issue 17; stub until its owner fills it)."""

from __future__ import annotations

from zhixing.publicity.application.base import PublicityStore


class PartyCommands(PublicityStore):
    """The parties' window (当事人查询): access codes checked, messages left."""
