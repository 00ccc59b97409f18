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
from zhixing.kernel.masking import excerpt
from zhixing.runtime.ops_settings import InvalidSetting


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
        try:
            return cls.load(Path(extra) if extra else None)
        except OSError as error:  # a typo must stop the suite with one line, not a trace
            raise InvalidSetting(f"ZHIXING_AGENCIES_FILE={excerpt(extra)}: cannot read it "
                                 f"({error.strerror})") from None
        except (tomllib.TOMLDecodeError, InvalidAssetInput) as error:
            raise InvalidSetting(f"ZHIXING_AGENCIES_FILE={excerpt(extra)}: {error}") from None

    @classmethod
    def load(cls, extra_file: Path | None = None) -> AgencyRegistry:
        """The bundled registry, plus a deployment's own agencies if it names a file."""
        bundled = resources.files("zhixing.assets").joinpath("agencies.toml")
        texts = [bundled.read_text(encoding="utf-8")]
        if extra_file is not None:
            texts.append(extra_file.read_text(encoding="utf-8"))
        agencies = [_agency(row) for text in texts for row in _rows(tomllib.loads(text))]
        ids = [a.agency_id for a in agencies]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:  # a deployment adds agencies; re-declaring one would change it unseen
            raise InvalidAssetInput(f"agency {excerpt(twice[0])} is declared twice",
                                    rule="R41", field="id")
        return cls(agencies)

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


def _rows(document: dict[str, object]) -> list[dict[str, object]]:
    rows = document.get("agency")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InvalidAssetInput("a registry is a list of [[agency]] tables", rule="R41",
                                field="agency")
    return rows


def _agency(row: dict[str, object]) -> Agency:
    missing = [k for k in ("id", "kind", "name", "actions") if k not in row]
    if missing or not isinstance(row["actions"], list):
        raise InvalidAssetInput(f"an agency needs id, kind, name and a list of actions "
                                f"(missing: {', '.join(missing) or 'the list'})", rule="R41",
                                field=(missing or ["actions"])[0])
    kind, actions = str(row["kind"]), tuple(str(a) for a in row["actions"])
    if kind not in AGENCY_KINDS:
        raise InvalidAssetInput(f"unknown agency kind {kind!r}", rule="R41", field="kind")
    unknown = [a for a in actions if a not in ACTIONS]
    if unknown:
        raise InvalidAssetInput(f"unknown actions {unknown}", rule="R41", field="actions")
    return Agency(str(row["id"]), kind, str(row["name"]), actions)
