"""AssetControlService called in-process: thin translation, status codes naming the rule,
the case's court and team only (R46), every act audited, the queue across courts (R22)."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any
from uuid import uuid4

import grpc
import pytest

from testkit.assets import case_assigned, case_filed
from testkit.servicers import Aborted, FakeContext
from zhixing.assets.api.control import SERVICE, AssetControlServicer
from zhixing.assets.projections.cases_seen import CasesSeen, CasesSeenQueries
from zhixing.contracts.events.assets.v1 import ExemptPropertyAttempted
from zhixing.contracts.pb.assets.v1 import control_pb2 as pb
from zhixing.eventstore.settings import Settings
from zhixing.security.audit import AuditLog
from zhixing.security.identity import Identity, bound_identity

from .control_fixtures import ASSET, a_case, order, other_court_case, published

COURT, TEAM = "川0104", "执行一组"
COMPANY = 1  # index of the company debtor in the shared `case` fixture


class Api:
    """The servicer with one caller bound: `api.as_(role="judge").ImposeMeasure(request)`."""

    def __init__(self, servicer: AssetControlServicer, audit: AuditLog) -> None:
        self.servicer, self.audit = servicer, audit
        self.identity = Identity("officer-1", "officer", COURT, TEAM)

    def as_(self, **changes: Any) -> Api:
        fields = {"subject": "officer-1", "role": "officer", "court": COURT, "team": TEAM}
        other = Api(self.servicer, self.audit)
        other.identity = Identity(**{**fields, **changes})
        return other

    def __getattr__(self, method: str) -> Any:
        def call(request: Any) -> Any:
            async def run() -> Any:
                with bound_identity(self.identity):
                    return await getattr(self.servicer, method)(request, FakeContext())
            return asyncio.run(run())
        return call

    def refused(self, method: str, request: Any) -> Aborted:
        with pytest.raises(Aborted) as failure:
            getattr(self, method)(request)
        return failure.value

    def audited(self, method: str) -> list[Any]:
        return [e for e in self.audit.entries(limit=1000)
                if e.action in (method, f"/{SERVICE}/{method}")]


@pytest.fixture
def api(app, case, tmp_path) -> Api:
    settings = Settings(var_dir=tmp_path)
    store = settings.sql_store("assets")
    CasesSeen.migrate(store)
    seen = CasesSeen(settings.field_cipher)
    with store.transaction() as cursor:
        for known in (case, other_court_case()):
            seen.handle(case_filed(known), cursor)
            seen.handle(case_assigned(known), cursor)
    audit = AuditLog(store)
    yield Api(AssetControlServicer(app, audit, CasesSeenQueries(store, settings.field_cipher)), audit)
    store.close()


def impose(case, **changes: Any) -> pb.ImposeMeasureRequest:
    """Freeze 10,000 yuan of the company debtor's deposit (the shared case's; 渝0103's
    case names no debtor), served at 09:00 on 2 March."""
    debtor = case.debtors[COMPANY].identity_number if case.debtors else ""
    fields: dict[str, Any] = {
        "case_id": case.case_id, "request_id": "r-1", "asset_id": ASSET, "kind": "freeze",
        "asset_kind": "deposit", "ruling_number": "(2026)川0104执100号之一",
        "amount_fen": 1_000_000, "served_at": "2026-03-02T09:00:00+08:00",
        "debtor_identity_number": debtor}
    fields.update(changes)
    return pb.ImposeMeasureRequest(**fields)


class TestImposeMeasure:
    def test_the_measure_is_in_effect_when_the_case_team_imposes_it(self, api, case):
        # R25: in effect from the day of service; R20 twelve months.
        measure = api.ImposeMeasure(impose(case)).measure
        assert (measure.status, measure.effective_on, measure.expires_on, measure.rank) == (
            "effective", "2026-03-02", "2027-03-02", 0)

    def test_failed_precondition_naming_r20_when_13_months_are_asked(self, api, case):
        error = api.refused("ImposeMeasure", impose(case, term_months=13))
        assert error.code == grpc.StatusCode.FAILED_PRECONDITION
        assert error.details == ("R20 [term_months]: a deposit freeze may run at most 12 "
                                 "months; asked 13")

    def test_invalid_argument_naming_served_at_when_it_has_no_offset(self, api, case):
        error = api.refused("ImposeMeasure", impose(case, served_at="2026-03-02T09:00:00"))
        assert error.code == grpc.StatusCode.INVALID_ARGUMENT and "served_at" in error.details

    def test_failed_precondition_naming_r24_when_a_persons_balance_would_go_below_the_minimum(
            self, api, case):
        # R24: the natural-person debtor keeps the minimum living amount.
        error = api.refused("ImposeMeasure", impose(
            case, debtor_identity_number=case.debtors[0].identity_number, balance_fen=1_050_000))
        assert error.code == grpc.StatusCode.FAILED_PRECONDITION
        assert error.details.startswith("R24 [amount_fen]")

    def test_the_refused_exempt_order_is_published_naming_the_caller(self, api, app, case):
        # R24 refuses as before; the attempt goes to supervision (R36) with who gave it.
        error = api.refused("ImposeMeasure", impose(case, exempt_category="medical_aid"))
        assert error.code == grpc.StatusCode.FAILED_PRECONDITION
        assert error.details.startswith("R24 [exempt_category]")
        assert [(a.by, a.ground) for a in published(app, ExemptPropertyAttempted)] == [
            ("officer-1", "medical_aid")]

    def test_permission_denied_naming_r46_when_another_team_imposes(self, api, case):
        error = api.as_(team="执行二组").refused("ImposeMeasure", impose(case))
        assert error.code == grpc.StatusCode.PERMISSION_DENIED and "R46" in error.details

    def test_not_found_when_the_caller_is_of_another_court(self, api, case):
        error = api.as_(court="渝0103", role="judge").refused("ImposeMeasure", impose(case))
        assert error.code == grpc.StatusCode.NOT_FOUND

    def test_already_exists_naming_request_id_when_reused_for_another_amount(self, api, case):
        api.ImposeMeasure(impose(case))
        error = api.refused("ImposeMeasure", impose(case, amount_fen=500_000))
        assert error.code == grpc.StatusCode.ALREADY_EXISTS
        assert error.details.startswith("[request_id]")
        assert [e.outcome for e in api.audited("ImposeMeasure")] == ["ok", "refused"]

    def test_the_act_is_audited_with_the_case_number(self, api, case):
        api.ImposeMeasure(impose(case))
        [entry] = api.audited("ImposeMeasure")
        assert (entry.actor, entry.target, entry.outcome) == ("officer-1", case.case_number, "ok")

    def test_a_refusal_is_audited_by_rule_and_field(self, api, case):
        api.refused("ImposeMeasure", impose(case, term_months=13))
        [entry] = api.audited("ImposeMeasure")
        assert entry.outcome == "refused" and "R20 [term_months]" in entry.reason


class TestMeasureCommands:
    def test_renewal_returns_the_new_last_day(self, api, case):
        measure = api.ImposeMeasure(impose(case)).measure
        renewed = api.RenewMeasure(pb.RenewMeasureRequest(
            measure_id=measure.measure_id, request_id="renew-1", term_months=6)).measure
        assert (renewed.expires_on, [r.expires_on for r in renewed.renewals]) == (
            "2027-09-02", ["2027-09-02"])

    def test_release_returns_the_released_measure_with_its_ground(self, api, case):
        measure = api.ImposeMeasure(impose(case)).measure
        released = api.ReleaseMeasure(pb.ReleaseMeasureRequest(
            measure_id=measure.measure_id, ground="security_accepted")).measure
        assert (released.status, released.end_ground, released.ended_on) == (
            "released", "security_accepted", "2026-03-02")

    def test_invalid_argument_naming_r25_when_the_ground_is_unknown(self, api, case):
        measure = api.ImposeMeasure(impose(case)).measure
        error = api.refused("ReleaseMeasure", pb.ReleaseMeasureRequest(
            measure_id=measure.measure_id, ground="bored"))
        assert error.code == grpc.StatusCode.INVALID_ARGUMENT and "R25" in error.details

    def test_deduct_returns_the_receipts_key_and_what_is_still_frozen(self, api, case):
        measure = api.ImposeMeasure(impose(case)).measure
        response = api.Deduct(pb.DeductRequest(measure_id=measure.measure_id,
                                                request_id="pay-1", amount_fen=400_000))
        assert (response.deduction_id, response.measure.frozen_fen,
                response.measure.deducted_fen) == (f"{measure.measure_id}:pay-1", 600_000,
                                                   400_000)

    def test_not_found_when_the_measure_does_not_exist(self, api):
        error = api.refused("Deduct", pb.DeductRequest(measure_id="no-such-measure",
                                                        request_id="pay-1", amount_fen=1))
        assert error.code == grpc.StatusCode.NOT_FOUND

    def test_permission_denied_when_another_team_releases_the_measure(self, api, case):
        measure = api.ImposeMeasure(impose(case)).measure
        error = api.as_(team="执行二组").refused("ReleaseMeasure", pb.ReleaseMeasureRequest(
            measure_id=measure.measure_id, ground="paid"))
        assert error.code == grpc.StatusCode.PERMISSION_DENIED

    def test_case_measures_are_listed_with_their_expiry(self, api, case):
        api.ImposeMeasure(impose(case))
        [measure] = api.ListCaseMeasures(pb.ListCaseMeasuresRequest(case_id=case.case_id)).measures
        assert (measure.kind, measure.expires_on, measure.amount_fen) == (
            "freeze", "2027-03-02", 1_000_000)


class TestAssetQueue:
    def test_another_courts_place_shows_its_rank_and_court_but_not_its_details(self, api, case,
                                                                                app):
        # R22 across courts; R46: details are for the measure's own court.
        cq = other_court_case()
        api.as_(court="渝0103", team=cq.team).ImposeMeasure(impose(
            cq, served_at="2026-03-02T08:00:00+08:00"))
        api.ImposeMeasure(impose(case))
        places = api.GetAssetQueue(pb.GetAssetQueueRequest(asset_id=ASSET)).places
        assert [(p.rank, p.court_code, p.HasField("measure")) for p in places] == [
            (0, "渝0103", False), (1, "川0104", True)]
        assert places[1].measure.status == "queued"

    def test_another_team_of_the_same_court_sees_the_place_but_not_the_details(self, api,
                                                                                case):
        # R46: a measure's details are for its case's team (and the bench).
        api.ImposeMeasure(impose(case))
        [place] = api.as_(team="执行二组").GetAssetQueue(
            pb.GetAssetQueueRequest(asset_id=ASSET)).places
        assert (place.court_code, place.HasField("measure")) == ("川0104", False)
        [judged] = api.as_(role="judge", team="").GetAssetQueue(
            pb.GetAssetQueueRequest(asset_id=ASSET)).places
        assert judged.HasField("measure")

    def test_a_released_holder_makes_the_next_place_rank_zero(self, api, case, app):
        cq = other_court_case()
        first = api.as_(court="渝0103", team=cq.team).ImposeMeasure(impose(cq)).measure
        api.ImposeMeasure(impose(case))
        app.release_measure(first.measure_id, "paid", on=date(2026, 3, 2))
        [place] = api.GetAssetQueue(pb.GetAssetQueueRequest(asset_id=ASSET)).places
        assert (place.rank, place.measure.status) == (0, "effective")


class TestExpiringSoon:
    """R20 reminder, as the service computes it for a list: control.expiry_reminder_
    working_days = 10. A three-month freeze served on 2 March 2026 ends on Tue 2 June;
    from Tue 19 May ten working days remain, from Mon 18 May eleven."""

    def listed(self, api, case, as_of: str = "") -> pb.ListCaseMeasuresResponse:
        api.ImposeMeasure(impose(case, term_months=3))
        return api.ListCaseMeasures(pb.ListCaseMeasuresRequest(case_id=case.case_id,
                                                               as_of=as_of))

    def test_the_measure_is_expiring_when_ten_working_days_remain(self, api, case):
        listed = self.listed(api, case, "2026-05-19")
        assert listed.expiring_measure_ids == [listed.measures[0].measure_id]
        assert (listed.reminder_working_days, listed.as_of) == (10, "2026-05-19")

    def test_the_measure_is_not_expiring_while_eleven_working_days_remain(self, api, case):
        assert list(self.listed(api, case, "2026-05-18").expiring_measure_ids) == []

    def test_the_window_is_final_when_the_calendar_covers_it(self, api, case):
        assert self.listed(api, case, "2026-05-19").provisional is False

    def test_the_window_is_provisional_when_it_reaches_a_year_with_no_schedule(
            self, api, case):
        # R64: ten working days from 2026-12-28 end in January 2027, which has no official
        # holiday schedule in the bundled calendar.
        assert self.listed(api, case, "2026-12-28").provisional is True

    def test_the_window_is_counted_from_the_services_today_when_no_day_is_given(self, api,
                                                                                case):
        listed = self.listed(api, case)
        assert (list(listed.expiring_measure_ids), listed.as_of) == ([], "2026-03-02")

    def test_a_released_measure_is_never_expiring(self, api, case):
        measure = api.ImposeMeasure(impose(case, term_months=3)).measure
        api.ReleaseMeasure(pb.ReleaseMeasureRequest(measure_id=measure.measure_id,
                                                    ground="paid"))
        listed = api.ListCaseMeasures(pb.ListCaseMeasuresRequest(case_id=case.case_id,
                                                                 as_of="2026-05-19"))
        assert list(listed.expiring_measure_ids) == []

    def test_invalid_argument_naming_as_of_when_the_day_is_malformed(self, api, case):
        error = api.refused("ListCaseMeasures", pb.ListCaseMeasuresRequest(
            case_id=case.case_id, as_of="19 May"))
        assert error.code == grpc.StatusCode.INVALID_ARGUMENT and "as_of" in error.details


# R46 without an existence leak: another court's case or measure is answered exactly as
# an unknown one (same code, same details), and the attempt is still audited.

STRANGER = {"court": "渝0103", "role": "judge", "subject": "judge-cq"}


class TestAnotherCourtsMeasure:
    def test_the_answer_is_an_unknown_ids_when_another_court_releases_it(self, api, case):
        measure = api.ImposeMeasure(impose(case)).measure
        stranger = api.as_(**STRANGER)
        theirs = stranger.refused("ReleaseMeasure", pb.ReleaseMeasureRequest(
            measure_id=measure.measure_id, ground="paid"))
        unknown = stranger.refused("ReleaseMeasure", pb.ReleaseMeasureRequest(
            measure_id=str(uuid4()), ground="paid"))
        assert (theirs.code, theirs.details) == (unknown.code, unknown.details)
        assert theirs.code == grpc.StatusCode.NOT_FOUND

    def test_the_refused_attempt_is_audited_when_another_court_releases_it(self, api, case):
        measure = api.ImposeMeasure(impose(case)).measure
        api.as_(**STRANGER).refused("ReleaseMeasure", pb.ReleaseMeasureRequest(
            measure_id=measure.measure_id, ground="paid"))
        [entry] = api.audited("ReleaseMeasure")
        assert (entry.actor, entry.court, entry.target, entry.outcome) == (
            "judge-cq", "渝0103", case.case_number, "denied")


class TestAnotherCourtsCase:
    def test_the_answer_is_an_unknown_ids_when_another_court_lists_its_measures(
            self, api, case):
        stranger = api.as_(**STRANGER)
        theirs = stranger.refused("ListCaseMeasures",
                                  pb.ListCaseMeasuresRequest(case_id=case.case_id))
        unknown = stranger.refused("ListCaseMeasures",
                                   pb.ListCaseMeasuresRequest(case_id=str(uuid4())))
        assert (theirs.code, theirs.details) == (unknown.code, unknown.details)
        assert theirs.code == grpc.StatusCode.NOT_FOUND

    def test_the_measures_are_listed_when_the_cases_own_court_asks(self, api, case):
        api.ImposeMeasure(impose(case))
        listed = api.as_(court=COURT).ListCaseMeasures(
            pb.ListCaseMeasuresRequest(case_id=case.case_id)).measures
        assert len(listed) == 1


class TestAnotherCourtsPreservation:
    """R23 converts a preservation into the enforcement case, R46 binds the act to the
    court: the preservation named by id must be of the caller's court too (issue 12
    item 7), else it is answered as an unknown measure and stays as it is."""

    def test_the_answer_is_an_unknown_ids_when_another_courts_preservation_is_converted(
            self, api, app, case, clock):
        theirs = app.impose_measure(other_court_case(), order(clock, preservation=True),
                                    "bao-cq")
        convert = pb.ConvertPreservationRequest(
            case_id=case.case_id, measure_id=str(theirs.id), request_id="convert-1",
            ruling_number="(2026)川0104执100号")
        taken = api.refused("ConvertPreservation", convert)
        convert.measure_id = str(uuid4())
        unknown = api.refused("ConvertPreservation", convert)
        assert (taken.code, taken.details) == (unknown.code, unknown.details)
        assert taken.code == grpc.StatusCode.NOT_FOUND
        assert app.get_measure(theirs.id).status == "effective"

    def test_the_preservation_converts_when_it_is_of_the_cases_court(
            self, api, app, case, clock):
        ours = app.impose_measure(a_case("00000000-0000-4000-8000-000000000402"),
                                  order(clock, preservation=True), "bao-cd")
        converted = api.ConvertPreservation(pb.ConvertPreservationRequest(
            case_id=case.case_id, measure_id=str(ours.id), request_id="convert-1",
            ruling_number="(2026)川0104执100号")).measure
        assert app.get_measure(ours.id).status == "converted"
        assert converted.case_id == case.case_id
