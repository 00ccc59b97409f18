"""Free texts a court wrote, as the public reads them (issue 17 review, R60): a reward
notice's text is stored as its author typed it (no redaction on the way in, unlike a
typical case), so a resident ID or bank account typed into it reached the page in full.
The page masks every run of 15 digits or more to its last four (R60's last line); a
court's telephone number for leads (11–12 digits) stays readable."""

from __future__ import annotations

from dataclasses import replace

import pytest

from .portal_support import PERSON_ID, site

ACCOUNT = "6222 0212 3456 7890 123"
TEXT = (f"被执行人身份证号{PERSON_ID}，曾用账户{ACCOUNT}、{ACCOUNT.replace(' ', '')}。"
        "举报电话 028-12345678。")


@pytest.fixture
def pages(tmp_path):
    built = site(tmp_path)
    yield built
    built.store.close()


def _leak(html: str) -> list[str]:
    digits = "".join(c if c.isdigit() else " " for c in html.replace(" ", "").replace("-", ""))
    return [run for run in digits.split() if len(run) >= 15]


def test_numbers_masked_on_the_reward_page_when_the_notice_text_holds_them(pages, monkeypatch):
    leads = pages.app.app.app.state.portal.leads
    notice = leads.reward_notice("N1")
    monkeypatch.setattr(leads, "reward_notice",
                        lambda notice_id: replace(notice, text=TEXT, reward=f"奖 {PERSON_ID}"))
    answer = pages.ask("GET", "/rewards/N1")
    assert answer.status == 200
    assert PERSON_ID not in answer.text and ACCOUNT not in answer.text
    assert not _leak(answer.text), _leak(answer.text)
    assert "1239" in answer.text and "028-12345678" in answer.text


def test_numbers_masked_on_the_typical_case_page_when_its_body_holds_them(pages, monkeypatch):
    typical = pages.app.app.app.state.portal.typical
    case = typical.get("T1")
    monkeypatch.setattr(typical, "get", lambda typical_case_id: replace(
        case, body=TEXT, summary=PERSON_ID))
    answer = pages.ask("GET", "/typical/T1")
    assert answer.status == 200 and not _leak(answer.text)


def test_the_number_masked_on_the_answer_when_it_was_pasted_into_the_name_box(pages):
    """综合查询 repeats the name searched for: an ID number pasted there too was shown
    in full (the name is bounded, not checked for digits)."""
    answer = pages.ask("POST", "/search", {"name": PERSON_ID, "identity_number": PERSON_ID})
    assert answer.status == 200
    assert PERSON_ID not in answer.text and not _leak(answer.text)


def test_the_restricted_conduct_is_listed_when_a_restriction_is_shown(pages):
    """限制消费's entries carry what is restricted (R13); the table showed who, not what."""
    html = pages.ask("GET", "/restricted").text
    assert "限制事项" in html and "乘坐飞机" in html
