"""Court codes (R39) and the bundled directory of courts.

A court code is a province abbreviation followed by 0, 2 or 4 administrative-area
digits: ``川`` is the Sichuan High Court, ``川01`` the Chengdu intermediate court,
``川0104`` the Jinjiang district basic court.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import excerpt

# Province abbreviation -> pinyin name. 兵 is the Xinjiang Production and
# Construction Corps, whose courts carry their own prefix in case numbers.
PROVINCES: dict[str, str] = {
    "京": "beijing",
    "津": "tianjin",
    "冀": "hebei",
    "晋": "shanxi",
    "内": "neimenggu",
    "辽": "liaoning",
    "吉": "jilin",
    "黑": "heilongjiang",
    "沪": "shanghai",
    "苏": "jiangsu",
    "浙": "zhejiang",
    "皖": "anhui",
    "闽": "fujian",
    "赣": "jiangxi",
    "鲁": "shandong",
    "豫": "henan",
    "鄂": "hubei",
    "湘": "hunan",
    "粤": "guangdong",
    "桂": "guangxi",
    "琼": "hainan",
    "渝": "chongqing",
    "川": "sichuan",
    "贵": "guizhou",
    "云": "yunnan",
    "藏": "xizang",
    "陕": "shaanxi",
    "甘": "gansu",
    "青": "qinghai",
    "宁": "ningxia",
    "新": "xinjiang",
    "兵": "bingtuan",
}

# DESIGN §7: each region runs its own cluster; Sichuan courts are served by the
# Chengdu region. Provinces without a cluster fall back to their pinyin name.
REGIONS: dict[str, str] = {"川": "chengdu", "渝": "chongqing"}

_CODE = re.compile(r"^(\D)([0-9]{2}|[0-9]{4})?$")


@dataclass(frozen=True, order=True)
class CourtCode:
    """A court code such as ``川0104`` (R39)."""

    province: str
    area: str = ""

    def __post_init__(self) -> None:
        if self.province not in PROVINCES:
            raise InvalidInput(
                "unknown province abbreviation in court code", rule="R39", field="court"
            )
        if self.area and (
            len(self.area) not in (2, 4) or not self.area.isascii() or not self.area.isdigit()
        ):
            raise InvalidInput("court code needs 2 or 4 area digits", rule="R39", field="court")

    @classmethod
    def parse(cls, text: str, field: str = "court") -> CourtCode:
        """Parse ``川0104``; R39: province abbreviation + 0, 2 or 4 area digits."""
        match = _CODE.match(text.strip())
        if match is None or match.group(1) not in PROVINCES:
            raise InvalidInput(
                f"court code {excerpt(text)} must be a province abbreviation and 2 or 4 digits",
                rule="R39",
                field=field,
            )
        return cls(match.group(1), match.group(2) or "")

    @property
    def level(self) -> str:
        """``high``, ``intermediate`` or ``basic``, from the number of area digits."""
        return {0: "high", 2: "intermediate", 4: "basic"}[len(self.area)]

    @property
    def province_name(self) -> str:
        """Pinyin name of the province, e.g. ``sichuan``."""
        return PROVINCES[self.province]

    @property
    def region(self) -> str:
        """The deployment region serving this court (DESIGN §7)."""
        return REGIONS.get(self.province, self.province_name)

    def __str__(self) -> str:
        return f"{self.province}{self.area}"


@dataclass(frozen=True)
class Court:
    """A court of the directory: code, official name and serving region."""

    code: CourtCode
    name: str
    region: str = field(default="")

    def __post_init__(self) -> None:
        if not self.region:
            object.__setattr__(self, "region", self.code.region)


class CourtDirectory:
    """The courts known to this deployment, loaded from the bundled ``courts.toml``."""

    def __init__(self, courts: list[Court]) -> None:
        self._courts = {court.code: court for court in courts}

    @staticmethod
    def default() -> CourtDirectory:
        """The bundled demo directory (read once, lazily)."""
        return _bundled_directory()

    @classmethod
    def from_toml(cls, text: str) -> CourtDirectory:
        """Build a directory from ``[[court]] code = ..., name = ...`` tables."""
        rows = tomllib.loads(text).get("court", [])
        return cls([Court(CourtCode.parse(row["code"]), row["name"]) for row in rows])

    def get(self, code: str | CourtCode, field: str = "court") -> Court:
        """The court with this code; R39: an unknown code is invalid input."""
        key = code if isinstance(code, CourtCode) else CourtCode.parse(code, field=field)
        court = self._courts.get(key)
        if court is None:
            raise InvalidInput(f"unknown court {key}", rule="R39", field=field)
        return court

    def all(self) -> list[Court]:
        """Every court, by province, then high / intermediate / basic, then code."""
        order = sorted(self._courts, key=lambda c: (c.province, len(c.area), c.area))
        return [self._courts[code] for code in order]

    def __contains__(self, code: object) -> bool:
        return code in self._courts


@cache
def _bundled_directory() -> CourtDirectory:
    text = resources.files("zhixing.kernel").joinpath("courts.toml").read_text("utf-8")
    return CourtDirectory.from_toml(text)
