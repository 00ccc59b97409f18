"""我的案件's times (issue 17 review): a message's instant travels in UTC (the events'
clock); the party reads it in Beijing time (+08:00), as every other page of the suite."""

from __future__ import annotations

from dataclasses import replace

import pytest

from .portal_support import CODE, NUMBER, site


@pytest.fixture
def pages(tmp_path):
    built = site(tmp_path)
    yield built
    built.store.close()


def test_message_times_in_beijing_time_when_the_instant_came_in_utc(pages, monkeypatch):
    stand_in = pages.parties.open

    def opened(case_number: str, access_code: str, client: str = ""):
        view = stand_in(case_number, access_code)
        message = replace(view.messages[0], left_at="2026-03-05T18:30:00+00:00",
                          answered_on="2026-03-06")
        return replace(view, messages=[message])

    monkeypatch.setattr(pages.parties, "open", opened)
    signed = pages.ask("POST", "/my-case", {"case_number": NUMBER, "access_code": CODE})
    cookie = signed.header("set-cookie").split(";")[0]
    html = pages.ask("GET", "/my-case", headers=(("cookie", cookie),)).text
    assert "2026-03-06 02:30（北京时间）" in html  # 18:30 UTC is 02:30 the next day
    assert "18:30" not in html and "+00:00" not in html
    assert "答复（2026-03-06）" in html  # a date stays a date
