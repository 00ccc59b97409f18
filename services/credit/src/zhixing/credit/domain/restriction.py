"""限制消费令 — a consumption restriction on one debtor in one case (R12–R15).

A court *may* restrict a debtor who missed the deadline of the execution notice (`order`)
and *must* restrict every listed dishonest debtor (`for_listing`, called by a policy,
R12). The restricted conduct is the fixed list of R13. For an organisation the order also
binds its four categories of persons (四类人员, R14). It is lifted on one of the grounds of
R15; a former legal representative who no longer controls the debtor may be released on
their own (R15). Commands are idempotent: repeating one changes nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import event

from zhixing.credit.domain.errors import InvalidDecision, RestrictionRefused
from zhixing.eventstore.domain import Aggregate
from zhixing.kernel.masking import IdentityKind

NAMESPACE = UUID("8c1e6f2a-4b3d-5e7f-9a0b-2c4d6e8f1a3b")

CONDUCT: dict[str, str] = {
    "flights": "乘坐飞机",
    "soft_sleepers": "乘坐列车软卧",
    "ship_second_class": "乘坐轮船二等以上舱位",
    "g_trains": "乘坐G字头动车组列车全部座位",
    "high_speed_first_class": "乘坐其他动车组列车一等以上座位",
    "starred_hotels": "在星级以上宾馆、酒店高消费",
    "nightclubs": "在夜总会高消费",
    "golf": "在高尔夫球场高消费",
    "real_estate": "购买不动产",
    "luxury_building": "新建、扩建、高档装修房屋",
    "high_end_offices": "租赁高档写字楼、宾馆、公寓等场所办公",
    "vehicles": "购买非经营必需车辆",
    "travel": "旅游、度假",
    "private_schools": "子女就读高收费私立学校",
    "insurance_wealth": "支付高额保费购买保险理财产品",
}
"""R13, in the order of the row; a code's position is its bit in `conduct_mask`."""

PERSON_ROLES: dict[str, str] = {
    "legal_representative": "法定代表人",
    "principal": "主要负责人",
    "directly_responsible": "影响债务履行的直接责任人员",
    "actual_controller": "实际控制人",
}
"""R14: the four categories of persons of an organisation (四类人员)."""

LIFT_GROUNDS: dict[str, str] = {
    "security": "提供有效担保",
    "applicant_consent": "申请执行人同意",
    "full_performance": "履行完毕",
    "listing_corrected": "纳入失信名单错误，随之解除",
}
"""R15: the court may lift on the first two and must lift on the third. The fourth ends a
restriction that only a listing found wrong by a correction (R9) had brought."""

PERSON, ORGANISATION = IdentityKind.NATURAL_PERSON.value, IdentityKind.ORGANISATION.value
ORDER, LISTING = "order", "listing"


def conduct_mask(codes: list[str] | tuple[str, ...]) -> int:
    """The codes as a bitmask, bit i for the i-th code of CONDUCT (for the credit index)."""
    order = list(CONDUCT)
    return sum(1 << order.index(code) for code in set(codes))


class ConsumptionRestriction(Aggregate):
    """限制消费令 of one debtor in one case (R12)."""

    @staticmethod
    def create_id(case_id: str, debtor_identity_number: str) -> UUID:
        # One restriction per debtor and case: ordering it twice, or ordering it and then
        # listing the debtor, addresses the same aggregate (idempotent issuing).
        return uuid5(NAMESPACE, f"restriction/{case_id}/{debtor_identity_number}")

    @event("Issued")
    def __init__(self, case_id: str, case_number: str, court_code: str,
                 debtor_identity_number: str, debtor_name: str, debtor_kind: str,
                 basis: str, reference: str, issued_on: str, conduct: list[str],
                 persons: list[dict[str, str]], publish_on: str = "") -> None:
        self.case_id = case_id
        self.case_number = case_number
        self.court_code = court_code
        self.debtor_identity_number = debtor_identity_number
        self.debtor_name = debtor_name
        self.debtor_kind = debtor_kind
        self.basis = basis
        """"order" (R12 may) or "listing" (R12 must); `reference` is the order or listing."""
        self.reference = reference
        self.issued_on = issued_on
        self.conduct = list(conduct)
        self.persons: list[dict[str, str]] = [dict(p) for p in persons]
        """R14: role, name, identity_number, and released_on once released (R15)."""
        self.lifted_on = ""
        self.lift_ground = ""
        self.publish_on = publish_on or issued_on
        """R10: partners are told (the list shows it) once the grace period since the
        notice's warning has ended; the listing's day for a restriction by listing."""
        self.published_on = ""

    @classmethod
    def order(cls, *, case_id: str, case_number: str, court_code: str,
              debtor_identity_number: str, debtor_name: str, debtor_kind: str,
              order_number: str, notice_deadline: date, issued_on: date,
              persons: list[dict[str, str]] | None = None,
              publish_on: date | None = None) -> ConsumptionRestriction:
        """R12 *may*: only a debtor who let the execution notice's deadline pass;
        published on `publish_on` (R10: the grace period), at once by default."""
        if issued_on <= notice_deadline:
            raise RestrictionRefused(
                f"the execution notice's deadline {notice_deadline.isoformat()} has not passed",
                rule="R12", field="notice_deadline")
        return cls._issue(case_id, case_number, court_code, debtor_identity_number,
                          debtor_name, debtor_kind, ORDER, order_number, issued_on,
                          persons or [], max(issued_on, publish_on or issued_on))

    @classmethod
    def for_listing(cls, *, case_id: str, case_number: str, court_code: str,
                    debtor_identity_number: str, debtor_name: str, debtor_kind: str,
                    listing_id: str, listed_on: date,
                    persons: list[dict[str, str]] | None = None) -> ConsumptionRestriction:
        """R12 *must*: every listed dishonest debtor is restricted from the listing day."""
        return cls._issue(case_id, case_number, court_code, debtor_identity_number,
                          debtor_name, debtor_kind, LISTING, listing_id, listed_on,
                          persons or [], listed_on)

    @classmethod
    def _issue(cls, case_id: str, case_number: str, court_code: str, identity: str,
               name: str, kind: str, basis: str, reference: str, on: date,
               persons: list[dict[str, str]], publish_on: date) -> ConsumptionRestriction:
        _require_text(identity, "debtor_identity_number", "R12")
        _require_text(reference, "reference", "R12")
        require_persons(kind, persons)
        return cls(case_id=case_id, case_number=case_number, court_code=court_code,
                   debtor_identity_number=identity, debtor_name=name, debtor_kind=kind,
                   basis=basis, reference=reference, issued_on=on.isoformat(),
                   conduct=list(CONDUCT),
                   persons=[{k: p[k] for k in ("role", "name", "identity_number")}
                            for p in persons], publish_on=publish_on.isoformat())

    # --- what the restriction says --------------------------------------------------

    @property
    def in_force(self) -> bool:
        return not self.lifted_on

    def binds(self, identity_number: str) -> bool:
        """The debtor, or one of its unreleased persons (R14), while in force."""
        if not self.in_force:
            return False
        return identity_number == self.debtor_identity_number or any(
            p["identity_number"] == identity_number and not p.get("released_on")
            for p in self.persons)

    def publish(self, today: date, *, with_listing: bool = False) -> bool:
        """On the partners' list from `publish_on` (R10) while in force — or at once with
        a listing published, which every restriction must accompany (R12). False before
        its day, or when published or lifted already."""
        if self.published_on or not self.in_force:
            return False
        if not with_listing and today < date.fromisoformat(self.publish_on):
            return False
        self._published(today.isoformat())
        return True

    @event("Published")
    def _published(self, published_on: str) -> None:
        self.published_on = published_on

    def reissue_for_listing(self, listing_id: str, listed_on: date) -> bool:
        """R12 *must*: a debtor listed after its restriction in the case was lifted is
        restricted again, from the listing day. False while it is still in force."""
        if self.in_force:
            return False
        self._require_not_before_issue(listed_on)
        self._reissued(LISTING, listing_id, listed_on.isoformat())
        return True

    @event("Reissued")
    def _reissued(self, basis: str, reference: str, issued_on: str) -> None:
        self.basis, self.reference, self.issued_on = basis, reference, issued_on
        self.lifted_on = self.lift_ground = self.published_on = ""
        self.publish_on = issued_on

    # --- lifting (R15) ----------------------------------------------------------------

    def lift(self, ground: str, lifted_on: date, reference: str) -> bool:
        """解除限制消费令 on one ground of R15; False when it is already lifted."""
        if ground not in LIFT_GROUNDS:
            raise InvalidDecision(f"a lift needs one of the grounds {', '.join(LIFT_GROUNDS)}",
                                  rule="R15", field="ground")
        _require_text(reference, "reference", "R15")
        if not self.in_force:
            return False
        self._require_not_before_issue(lifted_on)
        self._lifted(ground, lifted_on.isoformat(), reference)
        return True

    @event("Lifted")
    def _lifted(self, ground: str, lifted_on: str, reference: str) -> None:
        self.lifted_on = lifted_on
        self.lift_ground = ground

    def release_person(self, identity_number: str, released_on: date, evidence: str) -> bool:
        """R15: a *former* legal representative who shows they no longer control the
        debtor is released; False when already released."""
        person = self._person(identity_number)
        if person.get("released_on"):
            return False
        if person["role"] != "legal_representative":
            raise RestrictionRefused("only a former legal representative may be released alone",
                                     rule="R15", field="identity_number")
        _require_text(evidence, "evidence", "R15")
        if not self.in_force:
            raise RestrictionRefused("the restriction is lifted already", rule="R15",
                                     field="identity_number")
        self._require_not_before_issue(released_on)
        self._person_released(identity_number, released_on.isoformat(), evidence)
        return True

    @event("PersonReleased")
    def _person_released(self, identity_number: str, released_on: str, evidence: str) -> None:
        for person in self.persons:
            if person["identity_number"] == identity_number:
                person["released_on"] = released_on

    def _person(self, identity_number: str) -> dict[str, Any]:
        for person in self.persons:
            if person["identity_number"] == identity_number:
                return person
        raise RestrictionRefused("this person is not bound by the restriction", rule="R14",
                                 field="identity_number")

    def _require_not_before_issue(self, on: date) -> None:
        if on.isoformat() < self.issued_on:
            raise InvalidDecision(f"the restriction was issued on {self.issued_on}",
                                  rule="R15", field="lifted_on")


def _require_text(value: str, field: str, rule: str) -> None:
    if not value.strip():
        raise InvalidDecision(f"{field} is required", rule=rule, field=field)


def require_persons(kind: str, persons: list[dict[str, str]]) -> None:
    """R14: an organisation names its legal representative (and any of the other three
    categories); a natural person has no such persons."""
    if kind not in (PERSON, ORGANISATION):
        raise InvalidDecision(f"debtor_kind must be {PERSON} or {ORGANISATION}", rule="R12",
                              field="debtor_kind")
    if kind == PERSON and persons:
        raise InvalidDecision("only an organisation binds its four categories of persons",
                              rule="R14", field="persons")
    for index, person in enumerate(persons):
        if person.get("role") not in PERSON_ROLES:
            raise InvalidDecision(f"role must be one of {', '.join(PERSON_ROLES)}", rule="R14",
                                  field=f"persons[{index}].role")
        for key in ("name", "identity_number"):
            if not str(person.get(key, "")).strip():
                raise InvalidDecision(f"{key} is required", rule="R14",
                                      field=f"persons[{index}].{key}")
    if kind == ORGANISATION and not any(p["role"] == "legal_representative" for p in persons):
        raise InvalidDecision("an organisation's restriction names its legal representative",
                              rule="R14", field="persons")
