"""Synthetic listed debtors for the publicity benchmark (issue 17): one `ListingPublished`
each, as the credit service publishes them — nine people (valid resident IDs) to one
organisation (a valid unified social credit code, with a legal representative), Chinese
names, a court of 川 or 渝, a day of publication. Seeded: the same run gives the same
debtors, so the names and numbers searched are known to be listed."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "credit"))

from debtors import identities

from zhixing.contracts.envelope import CloudEvent
from zhixing.contracts.events.credit.v1 import ListingPublished

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁"
            "谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志文斌波辉宇浩凯俊峰雪梅琳晨"
FIRMS = "蜀锦天府巴渝锦江青城峨眉嘉陵长江岷江涪陵"
COURTS = tuple(f"川{n:02d}01" for n in range(1, 11)) + tuple(f"渝{n:02d}01" for n in range(1, 11))


@dataclass(frozen=True)
class Debtor:
    """One listed debtor: what the public searches it by, and where it is listed."""

    serial: int
    name: str
    identity: str
    organisation: bool
    representative: str
    court_code: str


def person_name(serial: int) -> str:
    """A surname and one or two given characters; names repeat, as in life."""
    mixed = serial * 2654435761 % 2**32
    given = GIVEN[mixed % len(GIVEN)]
    if mixed >> 8 & 1:
        given += GIVEN[(mixed >> 9) % len(GIVEN)]
    return SURNAMES[(mixed >> 16) % len(SURNAMES)] + given


def debtors(count: int, start: int = 0) -> list[Debtor]:
    """`count` listed debtors, distinct identities (debtors.identities: every tenth an
    organisation's credit code)."""
    found = []
    for serial, identity in enumerate(identities(start, count), start):
        organisation = identity.startswith("91")  # a company's credit code
        name = (f"{FIRMS[serial % len(FIRMS) * 2:serial % len(FIRMS) * 2 + 2]}"
                f"{person_name(serial)}商贸有限公司") if organisation else person_name(serial)
        found.append(Debtor(serial, name, identity, organisation,
                            person_name(serial + 7) if organisation else "",
                            COURTS[serial % len(COURTS)]))
    return found


def listing_event(debtor: Debtor, position: int) -> CloudEvent:
    """The debtor's `ListingPublished` as it arrives on the credit topic."""
    year = 2020 + debtor.serial % 6
    day = f"{year}-{1 + debtor.serial % 12:02d}-{1 + debtor.serial % 28:02d}"
    payload = ListingPublished(
        listing_id=f"bench-listing-{debtor.serial}", court_code=debtor.court_code,
        debtor_identity_number=debtor.identity, case_id=f"bench-case-{debtor.serial}",
        case_number=f"({year}){debtor.court_code}执{debtor.serial % 90_000 + 1}号",
        debtor_name=debtor.name,
        debtor_kind="organisation" if debtor.organisation else "natural_person",
        legal_representative=debtor.representative, grounds=[1 + debtor.serial % 6],
        decided_on=day, published_on=day)
    return CloudEvent(id=f"bench-{position}", source="zhixing.credit",
                      type=ListingPublished.event_type, time=f"{day}T02:00:00Z",
                      subject=payload.listing_id, court=debtor.court_code, region="chengdu",
                      sequence=1, position=position, data=payload.model_dump(mode="json"))
