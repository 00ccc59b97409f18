"""A request id names one measure order: sent again unchanged (with or without the term
it got) it is answered as the first time; sent with another term it is refused with
ALREADY_EXISTS [request_id] — not answered with the earlier measure as if the shorter
or longer term had been ordered (R20, issue 11 item 8)."""

from __future__ import annotations

import grpc

from . import test_control_api as control
from .test_control_api import impose

api = control.api  # the servicer with one caller bound (a fixture)


class TestOrderSentAgain:
    def test_the_same_measure_is_answered_when_the_term_it_got_is_sent_again(self, api, case):
        first = api.ImposeMeasure(impose(case)).measure
        again = api.ImposeMeasure(impose(case, term_months=12)).measure
        assert (again.measure_id, again.expires_on) == (first.measure_id, first.expires_on)

    def test_already_exists_naming_request_id_when_another_term_is_sent(self, api, case):
        api.ImposeMeasure(impose(case))
        error = api.refused("ImposeMeasure", impose(case, term_months=6))
        assert error.code == grpc.StatusCode.ALREADY_EXISTS
        assert "[request_id]" in error.details
