"""Leads from the public (执行线索) and reward notices (悬赏公告).
(issue 17; stub until its owner fills it)."""

from __future__ import annotations

from zhixing.publicity.application.base import PublicityStore


class LeadCommands(PublicityStore):
    """Leads from the public (执行线索) and reward notices (悬赏公告)."""
