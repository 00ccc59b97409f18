"""Deterministic draws and the debtor as an agency sees them.

Every draw is a hash of the seed and what is drawn for (agency, debtor, request,
attempt), never the process's random state: a run can be replayed, in any process.
"""

from __future__ import annotations

import functools
import hashlib
import math
import random
import re
from dataclasses import dataclass, field

from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from zhixing.agency_sim import vocabulary as words
from zhixing.agency_sim.vocabulary import CHENGDU, CHONGQING, City

_RIC_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


def _hash64(seed: int, parts: tuple[str, ...]) -> int:
    digest = hashlib.sha256("\x1f".join((str(seed), *parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def seeded(seed: int, *parts: str) -> random.Random:
    """A generator fixed by `seed` and `parts` (stable across processes and versions)."""
    return random.Random(_hash64(seed, parts))


def unit_draw(seed: int, *parts: str) -> float:
    """A number in [0, 1) fixed by `seed` and `parts`."""
    return _hash64(seed, parts) / 2**64


@dataclass(frozen=True)
class Debtor:
    """Who is asked about: a natural person or an organisation, and where they live."""

    identity_number: str = field(repr=False)
    person: bool
    home: City

    @classmethod
    def of(cls, identity_number: str) -> Debtor:
        return _debtor(identity_number)


@functools.lru_cache(maxsize=4096)  # every agency kind asks about the same debtor
def _debtor(identity_number: str) -> Debtor:
    person = _is_resident_id(identity_number)
    region = identity_number[:2] if person else identity_number[2:4]
    return Debtor(identity_number, person, CHONGQING if region == "50" else CHENGDU)


def _is_resident_id(number: str) -> bool:
    """As the suite reads a resident ID (GB 11643: shape, check digit, birth date); else a
    social credit code, or something no registry would recognise."""
    compact = ric.compact(number)
    if _RIC_SHAPE.fullmatch(compact) is None or compact[-1] != ric.calc_check_digit(compact):
        return False
    try:
        ric.get_birth_date(compact)
    except ValidationError:
        return False
    return True


def chance(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability


def lognormal_fen(rng: random.Random, median_yuan: float, sigma: float) -> int:
    """Balances are log-normal: most are small, a few are large."""
    return max(1, round(median_yuan * math.exp(rng.gauss(0.0, sigma)) * 100))


def digits(rng: random.Random, count: int) -> str:
    """`count` random digits, leading zeros included."""
    return str(rng.randrange(10**count)).zfill(count)


def wan(fen: int) -> str:
    return f"{fen / 1_000_000:.1f}万元"


def company(rng: random.Random, city: City) -> tuple[str, str]:
    """A made-up company: name and a credit code whose check character is right."""
    name = f"{city.name[:2]}{rng.choice(words.COMPANY_WORDS)}{rng.choice(words.INDUSTRIES)}有限公司"
    region = "500105" if city is CHONGQING else "510104"
    body = "91" + region + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return name, body + uscc.calc_check_digit(body)
