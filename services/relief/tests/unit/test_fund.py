"""Specification of the fund (R32): fed by appropriations and donations, it never goes
negative; reservations, releases, payments and returns keep balance and available right;
every credit and recovery is booked once."""

from __future__ import annotations

import random
from datetime import date

import pytest

from zhixing.relief.domain.errors import FundInsufficient, InvalidRelief, WrongStep
from zhixing.relief.domain.values import MovementKind

from .relief_fixtures import fund, replayed

DAY = date(2026, 3, 9)


def figures(found):
    return (found.income_fen, found.reserved_fen, found.disbursed_fen, found.balance_fen,
            found.available_fen)


class TestNeverNegative:
    """R32: a reservation above what is available is refused, with the figures."""

    def test_reserved_when_exactly_what_is_available(self):
        found = fund(10_000_00)
        assert found.reserve("app-1", 10_000_00) is True
        assert found.available_fen == 0

    def test_refused_naming_r32_available_and_asked_when_one_fen_short(self):
        found = fund(10_000_00)
        found.reserve("app-1", 4_000_00)
        with pytest.raises(FundInsufficient) as refused:
            found.reserve("app-2", 6_000_01)
        assert refused.value.rule == "R32"
        assert "可用余额 ¥6,000.00" in str(refused.value) and "¥6,000.01" in str(refused.value)
        assert found.available_fen == 6_000_00

    def test_refused_when_the_reserved_money_was_paid_out(self):
        found = fund(10_000_00)
        found.reserve("app-1", 10_000_00)
        found.disburse("app-1", DAY)
        with pytest.raises(FundInsufficient):
            found.reserve("app-2", 1)


class TestMovements:
    """balance = income − disbursed; available = balance − reserved (R32)."""

    def test_available_falls_and_balance_stays_when_reserved(self):
        found = fund(10_000_00)
        found.reserve("app-1", 3_000_00)
        assert figures(found) == (10_000_00, 3_000_00, 0, 10_000_00, 7_000_00)

    def test_available_restored_when_the_reservation_is_released(self):
        found = fund(10_000_00)
        found.reserve("app-1", 3_000_00)
        assert found.release("app-1", "rejected") == 3_000_00
        assert found.release("app-1", "rejected") == 0
        assert figures(found) == (10_000_00, 0, 0, 10_000_00, 10_000_00)

    def test_balance_falls_when_the_reservation_is_paid(self):
        found = fund(10_000_00)
        found.reserve("app-1", 3_000_00)
        assert found.disburse("app-1", DAY) == 3_000_00
        assert figures(found) == (10_000_00, 0, 3_000_00, 7_000_00, 7_000_00)

    def test_refused_naming_r31_when_paying_what_was_not_reserved(self):
        with pytest.raises(WrongStep, match="R31"):
            fund().disburse("app-1", DAY)

    def test_balance_rises_when_money_is_returned(self):
        found = fund(10_000_00)
        found.reserve("app-1", 3_000_00)
        found.disburse("app-1", DAY)
        found.repay("case:d-1", "app-1", 1_000_00, DAY, "case_account")
        found.repay("fraud:1", "app-1", 500_00, DAY, "fraud_recovery")
        assert (found.repaid_fen, found.recovered_fen, found.balance_fen) == (
            1_000_00, 500_00, 8_500_00)
        assert found.owed_on("app-1") == 1_500_00

    def test_refused_when_more_is_returned_than_is_owed(self):
        found = fund(10_000_00)
        found.reserve("app-1", 3_000_00)
        found.disburse("app-1", DAY)
        with pytest.raises(InvalidRelief, match="R32"):
            found.repay("case:d-1", "app-1", 3_000_01, DAY, "case_account")

    def test_ledger_gives_each_movement_and_the_fund_after_it(self):
        found = fund(10_000_00)
        found.credit("donation", "entry-2", "捐赠协议 2026-01", DAY, 2_000_00)
        found.reserve("app-1", 3_000_00, DAY)
        found.disburse("app-1", DAY)
        found.repay("case:d-1", "app-1", 1_000_00, DAY, "case_account")
        assert [(m.kind, m.amount_fen, m.balance_fen, m.available_fen)
                for m in found.ledger] == [
            (MovementKind.APPROPRIATED, 10_000_00, 10_000_00, 10_000_00),
            (MovementKind.DONATED, 2_000_00, 12_000_00, 12_000_00),
            (MovementKind.RESERVED, 3_000_00, 12_000_00, 9_000_00),
            (MovementKind.DISBURSED, 3_000_00, 9_000_00, 9_000_00),
            (MovementKind.REPAID, 1_000_00, 10_000_00, 10_000_00),
        ]

    def test_same_figures_when_read_back_from_its_events(self):
        found = fund(10_000_00)
        found.reserve("app-1", 3_000_00)
        found.disburse("app-1", DAY)
        found.reserve("app-2", 1_000_00)
        expected, ledger = figures(found), list(found.ledger)
        again = replayed(found)
        assert figures(again) == expected and again.ledger == ledger


class TestIdempotent:
    """A credit entry id and a recovery id are booked once; a re-send changes nothing."""

    def test_credited_once_when_the_entry_is_sent_twice(self):
        found = fund(10_000_00)
        assert found.credit("appropriation", "entry-1", "锦财行〔2026〕1号", DAY,
                            10_000_00) is False
        assert found.income_fen == 10_000_00 and len(found.ledger) == 1

    def test_repaid_once_when_the_recovery_is_sent_twice(self):
        found = fund(10_000_00)
        found.reserve("app-1", 3_000_00)
        found.disburse("app-1", DAY)
        assert found.repay("case:d-1", "app-1", 1_000_00, DAY, "case_account") is True
        assert found.repay("case:d-1", "app-1", 1_000_00, DAY, "case_account") is False
        assert found.repaid_fen == 1_000_00

    def test_reserved_once_when_the_same_approval_is_sent_twice(self):
        found = fund(10_000_00)
        assert found.reserve("app-1", 3_000_00) is True
        assert found.reserve("app-1", 3_000_00) is False
        assert found.reserved_fen == 3_000_00


class TestCredits:
    """Appropriations and donations, each with its document (R32)."""

    def test_refused_when_the_kind_is_unknown(self):
        with pytest.raises(InvalidRelief, match=r"R32 \[kind\]"):
            fund().credit("loan", "entry-9", "x", DAY, 1_00)

    def test_refused_when_the_amount_is_not_above_zero(self):
        with pytest.raises(InvalidRelief, match=r"R32 \[amount_fen\]"):
            fund().credit("donation", "entry-9", "x", DAY, 0)


class TestInvariantsUnderAnyOrder:
    """R32 over many movements in a seeded random order: available never below zero,
    balance = income − disbursed, the ledger's last line is the fund, a replay agrees."""

    def test_never_negative_when_movements_come_in_any_order(self):
        rng = random.Random(14)
        found, refused = fund(20_000_00), 0
        for step in range(300):
            app = f"app-{rng.randrange(300)}"
            # Credits are rare so the fund runs short often and refusals are exercised.
            action = rng.choices(("credit", "reserve", "release", "disburse", "repay"),
                                 weights=(1, 5, 1, 2, 1))[0]
            try:
                if action == "credit":
                    found.credit(rng.choice(("appropriation", "donation")), f"e-{step}",
                                 "doc", DAY, rng.randrange(1, 10_000_00))
                elif action == "reserve":
                    found.reserve(app, rng.randrange(1, 30_000_00))
                elif action == "release":
                    found.release(app, "withdrawn")
                elif action == "disburse":
                    found.disburse(app, DAY)
                elif found.owed_on(app):
                    found.repay(f"r-{step}", app, rng.randrange(1, found.owed_on(app) + 1),
                                DAY, "case_account")
            except (FundInsufficient, WrongStep):
                refused += 1
            assert found.available_fen >= 0
            assert found.balance_fen == found.income_fen - found.disbursed_fen
            assert (found.ledger[-1].balance_fen, found.ledger[-1].available_fen) == (
                found.balance_fen, found.available_fen)
        assert refused and found.disbursed_fen  # both paths were taken
        expected = figures(found)
        assert figures(replayed(found)) == expected
