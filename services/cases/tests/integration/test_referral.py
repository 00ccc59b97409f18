"""拒执罪 referrals (R44): court → police → procuratorate → court, every hand-off with a
document and a date."""

from __future__ import annotations

from datetime import date

import pytest

from zhixing.cases.domain.errors import WrongStage
from zhixing.cases.domain.values import HandOff
from zhixing.cases.outbound import CaseOutbound
from zhixing.contracts.events.cases.v1 import RefusalReferralAdvanced
from zhixing.kernel.errors import InvalidInput

from ..cases_kit import executing_case

REFERRED_ON = date(2026, 3, 2)



def _referral(app, a_filing):
    case = executing_case(app, a_filing)
    return app.refer_refusal(case.id, "(2026)川0104执1号移送函", REFERRED_ON)


def _advance(app, referral, stage: str, day: int, document: str = ""):
    return app.advance_referral(referral.id, stage, document or f"{stage}-doc",
                                date(2026, 3, day))


class TestReferralOrder:
    """R44: referred → police_filed/police_refused → prosecution_approved/
    prosecution_refused → judged."""

    def test_referral_reaches_judgment_when_every_stage_follows_in_order(self, app, a_filing):
        referral = _referral(app, a_filing)
        _advance(app, referral, "police_filed", 5)
        _advance(app, referral, "prosecution_approved", 10)
        judged = _advance(app, referral, "judged", 20)
        assert [h.stage for h in judged.history] == [
            "referred", "police_filed", "prosecution_approved", "judged"]

    def test_police_refusal_is_recorded_when_it_follows_the_referral(self, app, a_filing):
        referral = _referral(app, a_filing)
        assert _advance(app, referral, "police_refused", 5).stage == "police_refused"

    def test_prosecution_refusal_is_recorded_when_it_follows_the_police_filing(self, app,
                                                                              a_filing):
        referral = _referral(app, a_filing)
        _advance(app, referral, "police_filed", 5)
        assert _advance(app, referral, "prosecution_refused", 10).stage == "prosecution_refused"

    def test_skip_is_refused_naming_r44_when_the_police_stage_is_skipped(self, app, a_filing):
        referral = _referral(app, a_filing)
        with pytest.raises(WrongStage) as refused:
            _advance(app, referral, "prosecution_approved", 5)
        assert (refused.value.rule, refused.value.field) == ("R44", "stage")
        assert app.get_referral(referral.id).stage == "referred"

    def test_judgment_is_refused_naming_r44_when_the_prosecution_stage_is_skipped(
            self, app, a_filing):
        referral = _referral(app, a_filing)
        _advance(app, referral, "police_filed", 5)
        with pytest.raises(WrongStage) as refused:
            _advance(app, referral, "judged", 10)
        assert refused.value.rule == "R44"
        assert app.get_referral(referral.id).stage == "police_filed"

    def test_nothing_follows_naming_r44_when_the_police_refused(self, app, a_filing):
        referral = _referral(app, a_filing)
        _advance(app, referral, "police_refused", 5)
        with pytest.raises(WrongStage) as refused:
            _advance(app, referral, "prosecution_approved", 10)
        assert refused.value.rule == "R44"


class TestHandOffRecords:
    """R44: every hand-off has a document and a date, never before the previous one."""

    def test_referral_is_refused_naming_r44_when_it_has_no_document(self, app, a_filing):
        case = executing_case(app, a_filing)
        stored = app.max_notification_id()
        with pytest.raises(InvalidInput) as refused:
            app.refer_refusal(case.id, "  ", REFERRED_ON)
        assert (refused.value.rule, refused.value.field) == ("R44", "document_number")
        assert app.max_notification_id() == stored

    def test_hand_off_is_refused_naming_r44_when_it_has_no_document(self, app, a_filing):
        referral = _referral(app, a_filing)
        with pytest.raises(InvalidInput) as refused:
            app.advance_referral(referral.id, "police_filed", " ", date(2026, 3, 5))
        assert (refused.value.rule, refused.value.field) == ("R44", "document_number")
        assert app.get_referral(referral.id).stage == "referred"

    def test_hand_off_is_refused_naming_r44_when_dated_before_the_previous_one(self, app,
                                                                              a_filing):
        referral = _referral(app, a_filing)
        with pytest.raises(WrongStage) as refused:
            app.advance_referral(referral.id, "police_filed", "公立字1号", date(2026, 3, 1))
        assert (refused.value.rule, refused.value.field) == ("R44", "decided_on")
        assert app.get_referral(referral.id).stage == "referred"

    def test_hand_off_is_recorded_when_dated_the_same_day_as_the_previous_one(self, app,
                                                                             a_filing):
        referral = _referral(app, a_filing)
        advanced = app.advance_referral(referral.id, "police_filed", "公立字1号", REFERRED_ON)
        assert advanced.history[-1] == HandOff(stage="police_filed", document_number="公立字1号",
                                               decided_on="2026-03-02")


class TestReferralPublished:
    """R44: each hand-off is published as RefusalReferralAdvanced."""

    def test_each_step_is_published_when_the_referral_advances(self, app, a_filing):
        referral = _referral(app, a_filing)
        _advance(app, referral, "police_filed", 5)
        _advance(app, referral, "prosecution_approved", 10)
        outbound = CaseOutbound(app)
        published = [e for _, d in app.read_notifications(0) for e in outbound(d)
                     if isinstance(e, RefusalReferralAdvanced)]
        assert [(e.stage, e.decided_on) for e in published] == [
            ("referred", "2026-03-02"), ("police_filed", "2026-03-05"),
            ("prosecution_approved", "2026-03-10")]
        assert {(e.referral_id, e.case_number) for e in published} == {
            (str(referral.id), referral.case_number)}
