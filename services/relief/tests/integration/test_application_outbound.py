"""outbound.py: every step of a relief case and every fund credit becomes its v1 event with
exactly the contract's fields; the hardship facts never travel (R46)."""

from __future__ import annotations

from datetime import date

from zhixing.contracts.events.relief import v1
from zhixing.relief.domain.values import ExceptionalDecision, FundEntryKind

from .app_kit import (
    CAP_FEN,
    CASE_ID,
    COURT,
    MONTHLY_WAGE_FEN,
    NARRATIVE,
    public_events,
    reviewed,
    zhongben_case,
)

HEAD = {"case_id": CASE_ID, "court_code": COURT}


def _one(events, kind):
    [found] = [e for e in events if isinstance(e, kind)]
    return found


def _life(app, facts) -> tuple[str, str]:
    """One application rejected; another approved above the cap, paid, revoked, repaid."""
    facts.put(zhongben_case(applicants=2))
    rejected = reviewed(app, 0, 10_000_00)
    app.reject(rejected, "R29", "被执行人有履行能力", date(2026, 3, 4), "president-1")
    kept = reviewed(app, 1, CAP_FEN + 100, application_id="3c1d0e2f-0000-4000-8000-0000000000b2")
    app.approve(kept, CAP_FEN + 100, date(2026, 3, 6), "president-1",
                ExceptionalDecision(decided_by="president-1", reasons="重大疾病"))
    app.disburse(kept, date(2026, 3, 10), "finance-1")
    app.revoke(kept, "虚构事实", date(2026, 4, 1), "president-1")
    app.record_fraud_repayment(kept, "fraud-1", 100, date(2026, 4, 2), "finance-1")
    return rejected, kept


class TestOutbound:
    """Domain events to the v1 integration events."""

    def test_each_step_is_published_with_the_contracts_fields_when_a_relief_case_moves(self, funded, facts):
        rejected, kept = _life(funded, facts)
        events = public_events(funded)
        applied_event = [e for e in events if isinstance(e, v1.ReliefApplied)][1]
        assert (applied_event.application_id, applied_event.relief_case_number,
                applied_event.case_id, applied_event.court_code, applied_event.party_index,
                applied_event.requested_fen, applied_event.applied_on, applied_event.decide_by) == (
            kept, "(2026)川0104司救执2号", CASE_ID, COURT, 1, CAP_FEN + 100, "2026-03-02",
            "2026-03-16")
        assert _one(events, v1.ReliefRejected).model_dump(include={
            "application_id", "relief_case_number", "rule", "decided_on"}) == {
            "application_id": rejected, "relief_case_number": "(2026)川0104司救执1号",
            "rule": "R29", "decided_on": "2026-03-04"}
        approved = _one(events, v1.ReliefApproved)
        assert (approved.application_id, approved.amount_fen, approved.fund_year,
                approved.decided_on, approved.exceptional) == (
            kept, CAP_FEN + 100, 2026, "2026-03-06", True)
        # R30: the figures the amount was checked against (36 × the 川 2025 wage).
        assert (approved.wage_year, approved.monthly_wage_fen, approved.cap_fen) == (
            2025, MONTHLY_WAGE_FEN, CAP_FEN)
        disbursed = _one(events, v1.ReliefDisbursed)
        assert (disbursed.application_id, disbursed.case_id, disbursed.court_code,
                disbursed.amount_fen, disbursed.disbursed_on, disbursed.relief_case_number,
                disbursed.fund_year, disbursed.notify_by) == (
            kept, CASE_ID, COURT, CAP_FEN + 100, "2026-03-10", "(2026)川0104司救执2号", 2026,
            "2026-03-12")
        revoked = _one(events, v1.ReliefRevoked)
        assert (revoked.to_recover_fen, revoked.revoked_on) == (CAP_FEN + 100, "2026-04-01")
        recovered = _one(events, v1.ReliefRecovered)
        assert (recovered.application_id, recovered.recovery_id, recovered.source,
                recovered.amount_fen, recovered.recovered_on, recovered.outstanding_fen) == (
            kept, "fraud-1", "fraud_recovery", 100, "2026-04-02", CAP_FEN)


    def test_fund_credited_carries_the_balance_after_it_when_a_fund_is_credited(self, funded):
        funded.credit_fund(COURT, 2026, FundEntryKind.DONATION, "don-1", "捐赠协议 7号",
                           date(2026, 2, 1), 5_000_00)
        credits = [e for e in public_events(funded) if isinstance(e, v1.FundCredited)]
        assert [(c.kind, c.entry_id, c.document_number, c.amount_fen, c.credited_on,
                 c.balance_fen, c.year, c.court_code) for c in credits] == [
            ("appropriation", "appr-1", "川财预〔2026〕1号", 1_000_000_00, "2026-01-10",
             1_000_000_00, 2026, COURT),
            ("donation", "don-1", "捐赠协议 7号", 5_000_00, "2026-02-01", 1_005_000_00, 2026, COURT)]
        assert {c.fund_id for c in credits} == {str(funded.fund_of(COURT, 2026).id)}


    def test_no_event_carries_the_hardship_facts_when_a_relief_case_is_published(self, funded, facts):
        _life(funded, facts)
        published = [e.model_dump_json() for e in public_events(funded)]
        assert published
        assert not any(NARRATIVE in text or "medical" in text for text in published)


    def test_only_steps_of_the_procedure_are_published_when_aggregates_keep_their_books(
            self, funded, facts):
        _life(funded, facts)
        published = [type(e).__name__ for e in public_events(funded)]
        # Serials, claimants, wage entries, reviews, reservations and the fund's side of a
        # payment or repayment stay private: one event per step, in order.
        assert published == ["FundCredited", "ReliefApplied", "ReliefRejected", "ReliefApplied",
                             "ReliefApproved", "ReliefDisbursed", "ReliefRevoked",
                             "ReliefRecovered"]


class TestWithdrawnAndNotified:
    """Issue 14: a withdrawal and the applicant's notice were never published, so the read
    side kept a withdrawn application pending and a notified one awaiting its notice."""

    def test_a_withdrawal_after_approval_tells_the_reservation_released_when_withdrawn(
            self, funded, facts):
        facts.put(zhongben_case(applicants=2))
        before = reviewed(funded, 0, 10_000_00)
        funded.withdraw(before, date(2026, 3, 3), "officer-1")
        after = reviewed(funded, 1, 20_000_00)
        funded.approve(after, 20_000_00, date(2026, 3, 5), "president-1", None)
        funded.withdraw(after, date(2026, 3, 6), "officer-1")
        withdrawn = [e for e in public_events(funded) if isinstance(e, v1.ReliefWithdrawn)]
        assert [(w.application_id, w.relief_case_number, w.case_id, w.court_code,
                 w.withdrawn_on, w.released_fen) for w in withdrawn] == [
            (before, "(2026)川0104司救执1号", CASE_ID, COURT, "2026-03-03", 0),
            (after, "(2026)川0104司救执2号", CASE_ID, COURT, "2026-03-06", 20_000_00)]
        # What the event says was released is what the fund released (R32).
        assert funded.fund_of(COURT, 2026).reserved_fen == 0

    def test_the_applicants_notice_is_published_when_recorded(self, funded, facts):
        facts.put(zhongben_case())
        paid = reviewed(funded, 0, 10_000_00)
        funded.approve(paid, 10_000_00, date(2026, 3, 5), "president-1", None)
        funded.disburse(paid, date(2026, 3, 10), "finance-1")
        funded.record_notified(paid, date(2026, 3, 11), "finance-1")
        funded.record_notified(paid, date(2026, 3, 11), "finance-1")  # again: nothing new
        published = public_events(funded)
        assert [type(e).__name__ for e in published][-2:] == ["ReliefDisbursed",
                                                              "ApplicantNotified"]
        notified = _one(published, v1.ApplicantNotified)
        assert notified.model_dump() == {
            "application_id": paid, "relief_case_number": "(2026)川0104司救执1号",
            "case_id": CASE_ID, "court_code": COURT, "notified_on": "2026-03-11"}
