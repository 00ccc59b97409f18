"""One money bound (issue 12 item 3, issue 14): the request bounds the gRPC server enforces
(`zhixing.contracts.bounds.MONEY`), the bound the domain holds every amount and sum to
(`zhixing.kernel.money.MAX_FEN`, which the CLI reads too) and the bound an integration
event's amount is checked against on parse (`zhixing.contracts.events.fields.MAX_FEN`,
written out because contracts do not import the kernel) are one figure."""

from __future__ import annotations

import pytest

from zhixing.contracts.bounds import MONEY
from zhixing.contracts.events import fields
from zhixing.kernel.money import MAX_FEN

pytestmark = pytest.mark.contract


class TestOneMoneyBound:
    def test_the_request_bound_is_the_kernels_when_both_are_read(self):
        assert MONEY.magnitude == MAX_FEN

    def test_the_event_bound_is_the_kernels_when_both_are_read(self):
        assert fields.MAX_FEN == MAX_FEN
