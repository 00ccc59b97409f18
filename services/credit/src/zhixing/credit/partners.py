"""The registry of joint-punishment partners (联合惩戒单位, R7, R42) and their kinds.

A partner checks the list and reports back under the id its token names; only a
registered id is admitted (R46). Each partner has one kind of R7, the feed of notices
it reads (`zhixing.credit.notify.v1.<kind>`).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from zhixing.contracts.topics import PARTNER_KINDS
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import excerpt
from zhixing.runtime.ops_settings import InvalidSetting


@dataclass(frozen=True)
class Partner:
    """One partner: an airline, a bank, a registry, a credit agency."""

    partner_id: str
    kind: str
    name: str


class PartnerRegistry:
    """Every partner by id, in file order."""

    def __init__(self, partners: list[Partner]) -> None:
        self._by_id = {p.partner_id: p for p in partners}

    @classmethod
    def from_env(cls) -> PartnerRegistry:
        """The bundled registry, plus the partners of `ZHIXING_PARTNERS_FILE` if set."""
        extra = os.environ.get("ZHIXING_PARTNERS_FILE", "")
        try:
            return cls.load(Path(extra) if extra else None)
        except OSError as error:  # a typo must stop the suite with one line, not a trace
            raise InvalidSetting(f"ZHIXING_PARTNERS_FILE={excerpt(extra)}: cannot read it "
                                 f"({error.strerror})") from None
        except (tomllib.TOMLDecodeError, InvalidInput) as error:
            raise InvalidSetting(f"ZHIXING_PARTNERS_FILE={excerpt(extra)}: {error}") from None

    @classmethod
    def load(cls, extra_file: Path | None = None) -> PartnerRegistry:
        """The bundled registry, plus a deployment's own partners if it names a file."""
        bundled = resources.files("zhixing.credit").joinpath("partners.toml")
        texts = [bundled.read_text(encoding="utf-8")]
        if extra_file is not None:
            texts.append(extra_file.read_text(encoding="utf-8"))
        return cls(_once([_partner(row) for text in texts
                          for row in tomllib.loads(text).get("partner", [])]))

    def __contains__(self, partner_id: object) -> bool:
        return partner_id in self._by_id

    def __iter__(self) -> Iterator[Partner]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)


def _once(partners: list[Partner]) -> list[Partner]:
    """Each id once: a deployment's file may add partners, not silently re-declare one
    (another kind would change what the partner is, R7)."""
    seen: set[str] = set()
    for partner in partners:
        if partner.partner_id in seen:
            raise InvalidInput(f"partner {excerpt(partner.partner_id)} is declared twice",
                               rule="R42", field="id")
        seen.add(partner.partner_id)
    return partners


def _partner(row: dict[str, object]) -> Partner:
    partner_id, kind, name = (str(row.get(key, "")).strip() for key in ("id", "kind", "name"))
    if not partner_id:
        raise InvalidInput("a partner needs an id", rule="R42", field="id")
    if kind not in PARTNER_KINDS:
        raise InvalidInput(f"partner kind must be one of {', '.join(PARTNER_KINDS)} (R7)",
                           rule="R7", field="kind")
    return Partner(partner_id, kind, name)
