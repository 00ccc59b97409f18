"""Specification of supervision's values: every alert kind has its rule and label (R36),
regions resolve to court-code prefixes (R39)."""

from __future__ import annotations

import pytest

from zhixing.kernel.errors import InvalidInput
from zhixing.supervision.domain.values import (
    ALERT_LABELS,
    ALERT_RULES,
    AlertKind,
    courts_prefixes,
)


class TestAlertKinds:
    def test_every_kind_has_its_rule_and_label(self):
        assert set(ALERT_RULES) == set(AlertKind) == set(ALERT_LABELS)

    @pytest.mark.parametrize(("kind", "rule"), [
        ("node_overdue", "R26–R28"), ("measure_expiring", "R20"), ("measure_lapsed", "R20"),
        ("over_seizure", "R21"), ("exempt_property", "R24"), ("requery_missing", "R18"),
        ("removal_late", "R8"), ("relief_overdue", "R31"), ("procuratorial_overdue", "R34"),
        ("suggestion_overdue", "R37"), ("agency_overdue", "R41")])
    def test_the_rule_each_kind_rests_on(self, kind, rule):
        assert ALERT_RULES[AlertKind(kind)] == rule


class TestRegions:
    def test_chengyu_covers_sichuan_and_chongqing(self):
        assert courts_prefixes("成渝") == ("川", "渝")

    @pytest.mark.parametrize("code", ["川", "川01", "川0104", "渝"])
    def test_a_court_code_is_its_own_prefix(self, code):
        assert courts_prefixes(code) == (code,)

    @pytest.mark.parametrize("region", ["", "四川", "川1", "x" * 30])
    def test_refused_naming_r39_when_neither(self, region):
        with pytest.raises(InvalidInput, match=r"R39 \[region\]"):
            courts_prefixes(region)
