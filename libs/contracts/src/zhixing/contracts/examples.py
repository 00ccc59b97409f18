"""An example instance of every integration event model (issue 18, D4).

The AsyncAPI document, the reference and the CloudEvents SDK test each need one valid
record of every published type; written by hand they drift from the models. Here they are
derived from each model's fields — its types, its names and the quoted values its
docstrings list — and then validated by the model itself, so a field added to a model is
filled (or the model refuses, and the contract test says which field).

Every value is fictional and deterministic: the same model always yields the same
instance. Identity numbers are well formed (region 510104 and a check digit) but belong to
no one; names are placeholders (张某, 李某) of the kind the courts publish.
"""

from __future__ import annotations

import hashlib
import re
import types
import uuid
from datetime import date, timedelta
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from zhixing.contracts.agencies import AGENCY_KINDS
from zhixing.contracts.events import IntegrationEvent, all_models
from zhixing.contracts.topics import PARTNER_KINDS

_NAMESPACE = uuid.UUID("0b5cbf0e-52a2-5c37-9a51-2e1d3f0c8e18")
_BASE_DAY = date(2026, 3, 2)
COURT_CODE = "川0104"
"""The court every example names (成都市锦江区人民法院)."""
CASE_NUMBER = f"(2026){COURT_CODE}执1234号"
"""The 案号 every example case has (R38–R40)."""
_LISTED = re.compile(r": ([a-z]+(?:_[a-z]+)*)[ ,(]")
_RULE = re.compile(r"R[0-9]{1,2}")
_QUOTED = re.compile(r'"([A-Za-z0-9_:<>.\u4e00-\u9fff-]{1,40})"')

# Fields whose value no type or docstring pins down: a plausible, fictional value.
_BY_NAME: dict[str, Any] = {
    "case_number": CASE_NUMBER,
    "new_case_number": f"(2026){COURT_CODE}执恢56号",
    "relief_case_number": f"(2026){COURT_CODE}司救执7号",
    "decision_number": f"(2026){COURT_CODE}执1234号之一",
    "document_number": f"(2026){COURT_CODE}执1234号之二",
    "basis_document_number": f"(2025){COURT_CODE}民初890号",
    "basis_issuing_body": "成都市锦江区人民法院",
    "basis_kind": "judgment",
    "case_type": "执",
    "court_code": COURT_CODE,
    "to_court": "川0105",
    "court_name": "成都市锦江区人民法院",
    "name": "张某",
    "debtor_name": "张某",
    "legal_representative": "李某",
    "lead_officer_name": "王某",
    "lead_officer": "officer-7",
    "approved_by": "president-1",
    "author": "officer-7",
    "by": "officer-7",
    "act_by": "team-1",
    "team": "team-1",
    "team_phone": "028-00000000",
    "contact": "028-00000000",
    "reference": "6200000000000000001",
    "recipient": "成都市锦江区市场监督管理局",
    "partner_kind": PARTNER_KINDS[0],
    "agency_kind": next(iter(AGENCY_KINDS)),
    "agency_kinds": [next(iter(AGENCY_KINDS))],
    "by_event": "cn.zhixing.cases.v1.CaseClosed",
    "cases": [CASE_NUMBER],
    "grounds": [1],
    "conduct": ["flights"],
    "answer": "已收到，正在核实。",
    "title": "某公司拒不履行判决案",
    "summary": "被执行人隐匿财产，经网络查控发现存款后扣划。",
    "body": "本案被执行人……（已去标识化）",
    "review_comment": "请补充执行过程。",
    "reason": 1,
    "year": _BASE_DAY.year,
    "fund_year": _BASE_DAY.year,
    "wage_year": _BASE_DAY.year - 1,
    "days": 15,
    "revision": 0,
    "party_index": 0,
    "redactions": 0,
    "reward": "人民币一万元",
    "text": "被执行人名下车辆停放于某小区地下车库",
    "instalments": [{"due_on": "2026-04-01", "amount_fen": 500_000}],
}
_DATE_SUFFIXES = ("_on", "_by", "_due", "_until", "_ends", "_date", "_deadline")
_DATE_NAMES = ("since", "as_of", "on", "requery_dates", "holidays", "workdays")
_DEADLINES = ("_by", "_due", "_until", "_deadline", "expires_on")
_NOT_DATES = ("approved_by", "act_by", "by")


def example(model: type[IntegrationEvent]) -> IntegrationEvent:
    """A deterministic, valid instance of `model`, every field (optional ones too) set."""
    return model.model_validate(_values(model))


def every() -> list[IntegrationEvent]:
    """One example of every published integration event model, in type-name order."""
    return [example(model) for model in all_models()]


def identity_number(serial: int = 1) -> str:
    """A well-formed, fictional resident ID number: region 510104, born 1980-01-01, the
    given serial (1–999) and its ISO 7064 MOD 11-2 check character."""
    body = f"51010419800101{serial % 1000:03d}"
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    total = sum(int(digit) * weight for digit, weight in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


def _values(model: type[BaseModel]) -> dict[str, Any]:
    return {name: _value(name, info.annotation, info) for name, info in model.model_fields.items()}


def _value(name: str, annotation: Any, info: FieldInfo) -> Any:
    annotation = _plain(annotation)
    origin = get_origin(annotation)
    known = _BY_NAME.get(name)
    if known is not None and isinstance(known, origin or annotation):  # MeasureLapsed.reason is text
        return known
    if origin is list:
        (item,) = get_args(annotation)
        return [_value(name, item, info)]
    if origin is dict:
        return _mapping(name)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        values = _values(annotation)
        if name == "respondents":  # a debtor served, listed, in default…: a respondent
            values["role"] = "respondent"
        return values
    if annotation is bool:
        return info.default if isinstance(info.default, bool) else True
    if annotation is int:
        return _number(name)
    if annotation is date:
        return _day(name)
    return _text(name, info)


def _plain(annotation: Any) -> Any:
    """`X | None` → X; `Annotated[X, …]` → X (the model validates the rest)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _plain(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return _plain(next(arg for arg in get_args(annotation) if arg is not type(None)))
    return annotation


def _text(name: str, info: FieldInfo) -> str:
    description = info.description or ""
    if isinstance(info.default, str) and info.default:
        return info.default
    if "identity" in name:
        return _masked(identity_number()) if name == "debtor_identity" else identity_number()
    if name.endswith(("_id", "_ids")) or name in ("subject", "converted_from"):
        # The same id for the same field name: the examples refer to one case, one measure…
        return str(uuid.uuid5(_NAMESPACE, name.removesuffix("s")))
    if name.endswith("_at") or "ISO 8601" in description:
        return f"{_day(name).isoformat()}T09:30:00+08:00"
    if _is_date(name, description):
        return _day(name).isoformat()
    if name.endswith("_hash"):
        return _hash_like(name)
    quoted = _QUOTED.search(description)
    if quoted:
        return quoted.group(1)
    listed = _LISTED.search(description)  # "by role: officer, president, …"
    if listed:
        return listed.group(1)
    rule = _RULE.search(description)
    if rule and "rule" in name:
        return rule.group(0)
    return f"示例{name}"


def _is_date(name: str, description: str) -> bool:
    if name in _NOT_DATES:
        return False
    return (name.endswith(_DATE_SUFFIXES) or name in _DATE_NAMES or "YYYY-MM-DD" in description
            or description.startswith(("Last day", "The last day", "The day")))


def _number(name: str) -> int:
    if name.endswith("_fen"):
        return 1_250_000  # 12 500 yuan
    return 1  # ranks, rounds, attempts, sequence numbers, versions: the first one


def _day(name: str) -> date:
    """A weekday in March 2026 (a deadline: in April), the same one for the same name."""
    offset = hashlib.sha256(name.encode()).digest()[0] % 20
    if name.endswith(_DEADLINES) or name in ("requery_dates", "term_ends", "publish_on"):
        offset += 30
    day = _BASE_DAY + timedelta(days=offset)
    return day + timedelta(days=8 - day.isoweekday()) if day.isoweekday() > 5 else day


def _mapping(name: str) -> dict[str, int]:
    """The one dict-typed field of the contracts is a claim (`ClaimFen`)."""
    return {"principal_fen": 1_000_000, "interest_fen": 200_000, "costs_fen": 50_000}


def _hash_like(name: str) -> str:
    digest = hashlib.sha256(name.encode()).hexdigest()
    if name == "code_hash":  # zhixing.kernel.access_code's form
        return f"scrypt$16384$8$1${digest[:22]}${digest[22:65]}"
    return digest


def _masked(number: str) -> str:
    """R60's public form of a resident ID: the first 6 and last 4 characters."""
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
