"""The rule IDs each RPC's refusals can name, derived from the code (not written by hand).

Interface version: the derivation follows.
"""

from __future__ import annotations

from dataclasses import dataclass

METHOD_TEXT = ["## How the rule lists are derived", "", "(to be written)"]


@dataclass(frozen=True, order=True)
class Finding:
    """One rule an RPC's refusal can name, and where the derivation found it."""

    rule: str
    why: str


def rules_by_rpc() -> dict[str, list[Finding]]:
    """Method path → the rules its refusals can name, in rule order."""
    return {}
