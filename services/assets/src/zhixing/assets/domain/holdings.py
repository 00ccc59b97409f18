"""Assets as the agencies know them: one id per item, the same for every court.

The waiting-list queue of R22 is per asset *across courts*, so an asset's id must not
depend on which court found it: it is derived from the agency that holds or registers
it and its reference there (account, certificate or registration number).
"""

from __future__ import annotations

from uuid import UUID, uuid5

NAMESPACE = UUID("5d0f3b8e-2c41-5a8e-9e0d-7a6b1c2d3e4f")


def asset_id(agency_id: str, reference: str) -> str:
    """The asset's id: stable for the same agency and reference."""
    return str(uuid5(NAMESPACE, f"asset/{agency_id}/{reference.strip().upper()}"))


def with_asset_ids(agency_id: str, holdings: list[dict[str, object]]) -> list[dict[str, object]]:
    """Holdings as stored: each with its asset id and the agency that reported it."""
    return [{**h, "asset_id": asset_id(agency_id, str(h["reference"])), "agency_id": agency_id}
            for h in holdings]
