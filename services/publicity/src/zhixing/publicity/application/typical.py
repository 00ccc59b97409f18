"""Typical cases (典型案例): draft, redact, submit, review, publish, withdraw.
(issue 17; stub until its owner fills it)."""

from __future__ import annotations

from zhixing.publicity.application.base import PublicityStore


class TypicalCaseCommands(PublicityStore):
    """Typical cases (典型案例): draft, redact, submit, review, publish, withdraw."""
