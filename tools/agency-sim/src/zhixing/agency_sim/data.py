"""What a simulated agency knows about a debtor: realistic and deterministic.

The same (agency, kind, debtor, seed) always yields the same holdings, on every run and
in every process, so a benchmark or a demo can be replayed and a redelivered request
gets the same answer (the draws are in `draws.py`). Account and registration numbers
made here are personal data to the suite (R60): they go into answers, never into logs.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from zhixing.agency_sim import vocabulary as words
from zhixing.agency_sim.draws import (
    Debtor,
    chance,
    company,
    digits,
    lognormal_fen,
    seeded,
    wan,
)
from zhixing.agency_sim.vocabulary import CHENGDU, CHONGQING, City
from zhixing.contracts.events.assets.v1 import HoldingV1


def holdings_for(agency_id: str, agency_kind: str, debtor_identity_number: str,
                 seed: int) -> list[HoldingV1]:
    """Everything `agency_id` holds or registers for the debtor; empty means "nothing"."""
    answer = _ANSWERS.get(agency_kind)
    if answer is None:
        return []  # a kind added to the contract after this simulator was written
    rng = seeded(seed, agency_id, agency_kind, debtor_identity_number)
    return answer(rng, Debtor.of(debtor_identity_number), agency_id)


# ---- banks, payment, securities, insurance, provident fund ---------------------------


def _bank_deposit(rng: random.Random, debtor: Debtor, agency_id: str) -> list[HoldingV1]:
    if not chance(rng, 0.6 if debtor.person else 0.75):
        return []
    if not debtor.person:
        return [HoldingV1(asset_kind="deposit", reference="51" + digits(rng, 18),
                          description="单位基本存款账户（人民币）",
                          value_fen=lognormal_fen(rng, 150_000, 1.8))]
    card = words.CARD_BINS.get(agency_id, "62" + digits(rng, 4)) + digits(rng, 13)
    holdings = [HoldingV1(asset_kind="deposit", reference=card, description="活期存款（人民币）",
                          value_fen=lognormal_fen(rng, 12_000, 1.5))]
    if chance(rng, 0.25):
        holdings.append(HoldingV1(asset_kind="deposit", reference=f"{card}-D{digits(rng, 3)}",
                                  description="定期存款（一年期，人民币）",
                                  value_fen=lognormal_fen(rng, 50_000, 1.0)))
    return holdings


def _online_payment(rng: random.Random, debtor: Debtor, agency_id: str) -> list[HoldingV1]:
    if not chance(rng, 0.7 if debtor.person else 0.3):
        return []
    label = "支付账户余额及余额宝" if debtor.person else "企业支付账户余额"
    return [HoldingV1(asset_kind="payment_account", reference="2088" + digits(rng, 12),
                      description=label, value_fen=lognormal_fen(rng, 900, 1.6))]


def _securities(rng: random.Random, debtor: Debtor, agency_id: str) -> list[HoldingV1]:
    if not chance(rng, 0.2 if debtor.person else 0.15):
        return []
    shanghai = chance(rng, 0.5)
    account = ("A" if shanghai else "0") + digits(rng, 9)
    market = "沪市" if shanghai else "深市"
    return [HoldingV1(asset_kind="securities", reference=account,
                      description=f"{market}A股证券账户（持仓市值）",
                      value_fen=lognormal_fen(rng, 60_000, 1.3))]


def _insurance(rng: random.Random, debtor: Debtor, agency_id: str) -> list[HoldingV1]:
    if not chance(rng, 0.35 if debtor.person else 0.1):
        return []
    label = "人寿保险保单（现金价值）" if debtor.person else "财产保险保单（退保价值）"
    return [HoldingV1(asset_kind="insurance_policy", reference="P" + digits(rng, 16),
                      description=label, value_fen=lognormal_fen(rng, 15_000, 1.0))]


def _provident_fund(rng: random.Random, debtor: Debtor, agency_id: str) -> list[HoldingV1]:
    if not debtor.person or not chance(rng, 0.55):
        return []
    # Only a fund its holder may already withdraw (retired, left the city) can be taken.
    withdrawable = chance(rng, 0.15)
    label = "住房公积金（已符合提取条件）" if withdrawable else "住房公积金（在职缴存，暂不可提取）"
    return [HoldingV1(asset_kind="provident_fund", reference=digits(rng, 12), description=label,
                      value_fen=lognormal_fen(rng, 40_000, 0.8), disposable=withdrawable)]


# ---- registries: real property, vehicles, equity -------------------------------------


def _registry_city(agency_id: str, debtor: Debtor) -> City:
    if "chongqing" in agency_id or agency_id.endswith(".cq"):
        return CHONGQING
    if "sichuan" in agency_id or "chengdu" in agency_id:
        return CHENGDU
    return debtor.home


def _real_estate(rng: random.Random, debtor: Debtor, agency_id: str) -> list[HoldingV1]:
    city = _registry_city(agency_id, debtor)
    at_home = city is debtor.home
    if not chance(rng, (0.4 if debtor.person else 0.3) if at_home else 0.08):
        return []
    district = rng.choice(city.districts)
    area = round(rng.uniform(55, 140) if debtor.person else rng.uniform(120, 1_500), 2)
    value_fen = round(area * rng.uniform(*city.price_per_m2_yuan) * 100)
    use = "住宅" if debtor.person else rng.choice(("商业用房", "办公用房", "工业厂房"))
    certificate = (f"{city.certificate_prefix}（{rng.randint(2012, 2024)}）{city.name}"
                   f"{district}不动产权第{digits(rng, 7)}号")
    # A registry knows a mortgage worth more than the flat: nothing left to dispose of.
    over_pledged = chance(rng, 0.1)
    note = "，已设定抵押且抵押债权超过估值" if over_pledged else ""
    return [HoldingV1(asset_kind="real_property", reference=certificate,
                      description=f"{city.name}{district} {use} {area:.2f}㎡{note}",
                      value_fen=value_fen, disposable=not over_pledged)]


def _plate(rng: random.Random, city: City) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # plates never use I or O
    return city.plate_prefix + rng.choice(letters) + digits(rng, 4)


def _vehicle(rng: random.Random, debtor: Debtor, agency_id: str) -> list[HoldingV1]:
    if not chance(rng, 0.4 if debtor.person else 0.5):
        return []
    holdings = []
    for _ in range(2 if chance(rng, 0.1) else 1):
        plate = _plate(rng, debtor.home)
        if debtor.person:
            model, new_wan = rng.choice(words.CARS)
            kind = "小型轿车"
        else:
            model, new_wan, kind = rng.choice(words.TRUCKS)
        age = rng.randint(0, 12)
        value_fen = round(new_wan * 1_000_000 * 0.85 ** age)
        holdings.append(HoldingV1(asset_kind="vehicle", reference=plate,
                                  # the plate is the reference, never the description
                                  description=f"{kind} {model}（登记{age}年）",
                                  value_fen=value_fen))
    return holdings


def _equity(rng: random.Random, debtor: Debtor, agency_id: str) -> list[HoldingV1]:
    if not chance(rng, 0.15 if debtor.person else 0.5):
        return []
    holdings = []
    for _ in range(rng.choice((1, 1, 1, 2))):
        name, code = company(rng, debtor.home)
        share = rng.choice((5, 10, 20, 30, 49, 51, 60, 100))
        capital_fen = lognormal_fen(rng, 1_000_000, 1.2)
        holdings.append(HoldingV1(
            asset_kind="equity", reference=code,
            description=f"{name} {share}%股权（认缴出资{wan(capital_fen * share // 100)}）",
            value_fen=capital_fen * share // 100))
    return holdings


# ---- information only: tax, social security, telecom, household ----------------------


def _info(kind: str, reference: str, description: str) -> HoldingV1:
    """Something the court should know that cannot itself be seized."""
    return HoldingV1(asset_kind=kind, reference=reference, description=description,
                     value_fen=0, disposable=False)


def _tax(rng: random.Random, debtor: Debtor, agency_id: str) -> list[HoldingV1]:
    if not chance(rng, 0.6 if debtor.person else 0.9):
        return []
    taxpayer = debtor.identity_number  # a taxpayer's number is their identity number
    if debtor.person:
        income = lognormal_fen(rng, 70_000, 0.7)
        return [_info("tax_record", taxpayer, f"个人所得税：近一年申报收入约{wan(income)}，无欠税")]
    holdings = [_info("tax_record", taxpayer, f"纳税信用等级{rng.choice('ABCDM')}，正常申报")]
    if chance(rng, 0.1):  # a refund still owed to the debtor is money the court can take
        holdings.append(HoldingV1(asset_kind="tax_refund", reference=f"TR{digits(rng, 14)}",
                                  description="待退增值税留抵税额",
                                  value_fen=lognormal_fen(rng, 30_000, 1.0)))
    return holdings


def _social_security(rng: random.Random, debtor: Debtor, agency_id: str) -> list[HoldingV1]:
    if not chance(rng, 0.85 if debtor.person else 0.8):
        return []
    number = digits(rng, 10)
    if not debtor.person:
        return [_info("social_insurance", number, f"单位参保：在职职工{rng.randint(3, 400)}人")]
    if chance(rng, 0.15):
        pension = rng.randint(1_800, 6_500)
        return [_info("pension", number, f"基本养老金：每月约{pension}元（已退休）")]
    employer, _ = company(rng, debtor.home)
    return [_info("social_insurance", number, f"城镇职工基本养老保险：正常缴费，参保单位{employer}")]


def _telecom(rng: random.Random, debtor: Debtor, agency_id: str) -> list[HoldingV1]:
    if not chance(rng, 0.9 if debtor.person else 0.6):
        return []
    carrier, prefix = rng.choice(words.CARRIERS)
    number = prefix + digits(rng, 8)
    # The description is shown to officers on lists: it carries the number masked.
    return [_info("telecom_contact", number, f"移动电话 {number[:3]}****{number[-4:]}（{carrier}，在网）")]


def _household(rng: random.Random, debtor: Debtor, agency_id: str) -> list[HoldingV1]:
    if not debtor.person or not chance(rng, 0.95):
        return []  # organisations have no household registration
    home = debtor.home
    fallback = home.name if home.province == home.name else f"{home.province}{home.name}"
    region = words.HOUSEHOLD_REGIONS.get(debtor.identity_number[:6], fallback)
    return [_info("household_registration", digits(rng, 9), f"户籍：{region}（常住人口登记）")]


_ANSWERS: dict[str, Callable[[random.Random, Debtor, str], list[HoldingV1]]] = {
    "bank_deposit": _bank_deposit,
    "online_payment": _online_payment,
    "securities": _securities,
    "insurance": _insurance,
    "provident_fund": _provident_fund,
    "real_estate": _real_estate,
    "vehicle": _vehicle,
    "equity": _equity,
    "tax": _tax,
    "social_security": _social_security,
    "telecom": _telecom,
    "household": _household,
}
