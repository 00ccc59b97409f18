"""Policy tables: the *configurable* numbers of RULES.md, per province.

Layers, later wins (deep merge): bundled ``default.toml``, ``<extra_dir>/default.toml``,
bundled ``<region>.toml``, ``<extra_dir>/<region>.toml``. Province files are named by
pinyin (``chongqing.toml``, ``sichuan.toml``) to keep file names ASCII; ``load`` takes
either the abbreviation (``渝``) or the pinyin name.
"""

from __future__ import annotations

import builtins
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from zhixing.kernel.courts import PROVINCES
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import check_id_mask


class PolicyTable:
    """A merged, read-only policy table addressed by dotted keys."""

    def __init__(self, data: Mapping[str, Any], province: str | None = None) -> None:
        self._data = dict(data)
        self.province = province

    @classmethod
    def load(cls, province: str | None = None, extra_dir: Path | None = None) -> PolicyTable:
        """Default table with the province's overrides merged over it."""
        name = _pinyin(province) if province else None
        data: dict[str, Any] = {}
        for text in _layers(name, extra_dir):
            data = deep_merge(data, tomllib.loads(text))
        table = cls(data, name)
        table._check()
        return table

    def get(self, key: str) -> Any:
        """The value at a dotted key such as ``node_limits.assign_days``."""
        node: Any = self._data
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise KeyError(
                    f"policy table has no key {key!r} (province {self.province or 'default'})"
                )
            node = node[part]
        return node

    def int(self, key: str) -> builtins.int:
        """An integer value; TypeError if the table holds something else."""
        value = self.get(key)
        if not isinstance(value, builtins.int) or isinstance(value, builtins.bool):
            raise TypeError(f"policy key {key!r} is not an integer")
        return value

    def bool(self, key: str) -> builtins.bool:
        """A boolean value; TypeError if the table holds something else."""
        value = self.get(key)
        if not isinstance(value, builtins.bool):
            raise TypeError(f"policy key {key!r} is not a boolean")
        return value

    def as_dict(self) -> dict[str, Any]:
        """A deep copy of the merged table."""
        return deep_merge({}, self._data)

    def _check(self) -> None:
        # R60: a deployment may change the mask but never to one revealing birth dates.
        check_id_mask(self.int("masking.keep_head"), self.int("masking.keep_tail"))


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; any other value in ``override`` replaces the base."""
    merged = {k: deep_merge({}, v) if isinstance(v, Mapping) else v for k, v in base.items()}
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = deep_merge({}, value) if isinstance(value, Mapping) else value
    return merged


def _pinyin(province: str) -> str:
    if province in PROVINCES:
        return PROVINCES[province]
    if province.lower() in PROVINCES.values():
        return province.lower()
    # A named refusal, not a KeyError: a court code from an event or a request reaches
    # here, and its consumer parks the event naming why (issue 12, consumer fuzz).
    raise InvalidInput("unknown province: use an abbreviation (渝) or pinyin", rule="R39",
                       field="province")


def _layers(name: str | None, extra_dir: Path | None) -> list[str]:
    bundled = resources.files("zhixing.kernel.policy")
    files = ["default"] + ([name] if name else [])
    texts: list[str] = []
    for stem in files:
        for source in (bundled.joinpath(f"{stem}.toml"), _extra(extra_dir, stem)):
            if source is not None and source.is_file():
                texts.append(str(source.read_text("utf-8")))
    return texts


def _extra(extra_dir: Path | None, stem: str) -> Path | None:
    return extra_dir / f"{stem}.toml" if extra_dir is not None else None
