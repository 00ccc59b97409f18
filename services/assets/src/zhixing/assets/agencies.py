"""The registry of assisting agencies (协助执行单位, R41) and what each can do."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from zhixing.assets.domain.errors import InvalidAssetInput
from zhixing.contracts.agencies import ACTIONS, AGENCY_KINDS


@dataclass(frozen=True)
class Agency:
    """One agency: a bank, a registry, a bureau."""

    agency_id: str
    kind: str
    name: str
    actions: tuple[str, ...]

    def can(self, action: str) -> bool:
        return action in self.actions


class AgencyRegistry:
    """Every agency by id, in file order (which is also the fan-out order)."""

    def __init__(self, agencies: list[Agency]) -> None:
        self._by_id = {a.agency_id: a for a in agencies}

    @classmethod
    def from_env(cls) -> AgencyRegistry:
        """The bundled registry, plus the agencies of `ZHIXING_AGENCIES_FILE` if set."""
        extra = os.environ.get("ZHIXING_AGENCIES_FILE", "")
        return cls.load(Path(extra) if extra else None)

    @classmethod
    def load(cls, extra_file: Path | None = None) -> AgencyRegistry:
        """The bundled registry, plus a deployment's own agencies if it names a file."""
        bundled = resources.files("zhixing.assets").joinpath("agencies.toml")
        texts = [bundled.read_text(encoding="utf-8")]
        if extra_file is not None:
            texts.append(extra_file.read_text(encoding="utf-8"))
        return cls([_agency(row) for text in texts for row in tomllib.loads(text)["agency"]])

    def __iter__(self) -> Iterator[Agency]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, agency_id: object) -> bool:
        """Whether `agency_id` is a registered agency's (a token naming another is
        refused, R41, R46)."""
        return agency_id in self._by_id

    def able_to(self, action: str) -> list[Agency]:
        return [a for a in self if a.can(action)]


def _agency(row: dict[str, object]) -> Agency:
    kind, actions = str(row["kind"]), tuple(str(a) for a in row["actions"])  # type: ignore[attr-defined]
    if kind not in AGENCY_KINDS:
        raise InvalidAssetInput(f"unknown agency kind {kind!r}", rule="R41", field="kind")
    unknown = [a for a in actions if a not in ACTIONS]
    if unknown:
        raise InvalidAssetInput(f"unknown actions {unknown}", rule="R41", field="actions")
    return Agency(str(row["id"]), kind, str(row["name"]), actions)
