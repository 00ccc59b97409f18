"""What every page works with: the viewer's role and its navigation (R46), the period
of a query (bounded: 60 months), POST forms (bounded, CSRF-checked), the service's
refusals as pages, numbers as the pages write them, and escaping."""

from __future__ import annotations

import grpc
import pytest

from zhixing.security.identity import Identity
from zhixing.supervision.web.context import (
    PageError,
    Viewer,
    form_of,
    nav_of,
    page_error,
    period_of,
    render,
)
from zhixing.supervision.web.formats import count, percent, yuan

from .web_fixtures import centre, request, run

CENTRE = centre()
FORM = "application/x-www-form-urlencoded"


def viewer(role: str = "president", court: str = "川0104") -> Viewer:
    return Viewer(Identity(f"{role}-1", role, court=court), "the.token.itself",  # type: ignore[arg-type]
                  "c" * 64)


def period(query: str = "") -> tuple[str, str]:
    return period_of(request(CENTRE, query=query))


def refusal(action) -> PageError:  # type: ignore[no-untyped-def]
    with pytest.raises(PageError) as raised:
        action()
    return raised.value


class TestViewer:
    @pytest.mark.parametrize(("role", "sees"), [
        ("officer", True), ("president", True), ("procurator", True), ("congress", False),
        ("discipline", False)])
    def test_case_pages_only_when_the_role_may_see_cases(self, role, sees):
        assert viewer(role).sees_cases is sees

    def test_leaders_are_president_and_supervisor_when_asked(self):
        assert [r for r in ("officer", "judge", "president", "supervisor", "congress")
                if viewer(r).is_leader] == ["president", "supervisor"]

    def test_the_token_is_not_shown_when_the_viewer_is_logged(self):
        assert "the.token.itself" not in repr(viewer()) and "川0104" in repr(viewer())


class TestNav:
    def labels(self, role: str) -> list[str]:
        return [label for label, _, _ in nav_of(viewer(role), "/command", "/command/")]

    def test_every_page_when_a_president(self):
        assert self.labels("president") == ["全辖概览", "本院", "预警", "协助单位", "报告"]

    def test_aggregates_only_when_congress(self):
        assert self.labels("congress") == ["全辖概览", "协助单位", "报告"]

    def test_reports_only_when_discipline(self):
        assert self.labels("discipline") == ["报告"]

    def test_the_current_page_is_marked_when_under_its_address(self):
        marked = [label for label, _, current in
                  nav_of(viewer(), "/command", "/command/alerts") if current]
        assert marked == ["预警"]


class TestPeriod:
    def test_the_twelve_months_ending_this_month_when_none_is_given(self):
        assert period() == ("2025-04", "2026-03")

    def test_twelve_months_ending_with_to_when_only_to_is_given(self):
        assert period("to=2025-12") == ("2025-01", "2025-12")

    def test_sixty_months_are_taken_when_at_the_bound(self):
        assert period("from=2021-04&to=2026-03") == ("2021-04", "2026-03")

    def test_400_naming_the_bound_when_over_sixty_months(self):
        error = refusal(lambda: period("from=2021-03&to=2026-03"))
        assert error.status == 400 and "60 个月" in error.message and "61" in error.message

    def test_400_naming_from_and_to_when_reversed(self):
        error = refusal(lambda: period("from=2026-03&to=2026-01"))
        assert error.status == 400 and "from" in error.message and "to" in error.message

    @pytest.mark.parametrize("month", ["2026-3", "2026-13", "26-03", "２０２６-０３", "2026_03",
                                       "1999-12", "x" * 5000])
    def test_400_naming_the_field_when_not_a_month(self, month):
        error = refusal(lambda: period(f"from={month}"))
        assert error.status == 400 and "from" in error.message
        assert "xxxxx" not in error.message and len(error.message) < 80  # never echoed


class TestForms:
    def form(self, body: bytes, *, content_type: str = FORM, who: Viewer | None = None):  # type: ignore[no-untyped-def]
        made = request(CENTRE, "/command/signout", method="POST", body=body,
                       content_type=content_type, viewer=who or viewer())
        return run(lambda: form_of(made))

    def test_the_fields_when_the_csrf_value_is_the_sessions(self):
        assert self.form(b"csrf=" + b"c" * 64 + b"&reason=%E5%B7%B2%E5%8A%9E")["reason"] == "已办"

    @pytest.mark.parametrize("body", [b"reason=x", b"csrf=&reason=x", b"csrf=" + b"d" * 64])
    def test_403_when_the_csrf_value_is_missing_or_wrong(self, body):
        assert refusal(lambda: self.form(body)).status == 403

    def test_403_when_another_sessions_value_is_sent(self):
        other = Viewer(viewer().identity, "another.token", "e" * 64)
        assert refusal(lambda: self.form(b"csrf=" + b"c" * 64, who=other)).status == 403

    def test_413_naming_the_bound_when_over_64_kib(self):
        error = refusal(lambda: self.form(b"csrf=" + b"c" * 64 + b"&x=" + b"a" * 65536))
        assert error.status == 413 and "64 KiB" in error.message

    def test_413_naming_the_bound_when_over_32_fields(self):
        fields = b"&".join(b"f%d=1" % n for n in range(33))
        error = refusal(lambda: self.form(b"csrf=" + b"c" * 64 + b"&" + fields))
        assert error.status == 413 and "32" in error.message

    def test_400_when_not_urlencoded(self):
        error = refusal(lambda: self.form(b"--x--", content_type="multipart/form-data; b=x"))
        assert error.status == 400 and "urlencoded" in error.message

    def test_400_when_not_utf8(self):
        assert refusal(lambda: self.form(b"csrf=\xff\xfe")).status == 400


class TestRefusals:
    @pytest.mark.parametrize(("code", "status"), [
        (grpc.StatusCode.UNAUTHENTICATED, 401), (grpc.StatusCode.PERMISSION_DENIED, 403),
        (grpc.StatusCode.NOT_FOUND, 404), (grpc.StatusCode.INVALID_ARGUMENT, 400),
        (grpc.StatusCode.FAILED_PRECONDITION, 400), (grpc.StatusCode.RESOURCE_EXHAUSTED, 429),
        (grpc.StatusCode.UNAVAILABLE, 503), (grpc.StatusCode.DEADLINE_EXCEEDED, 503),
        (grpc.StatusCode.INTERNAL, 500)])
    def test_the_status_of_the_page_when_the_service_refuses(self, code, status):
        assert page_error(code, "").status == status

    def test_the_services_explanation_is_kept_when_a_person_can_act_on_it(self):
        error = page_error(grpc.StatusCode.INVALID_ARGUMENT, "to_month: at most 60 months")
        assert error.message == "查询条件有误：to_month: at most 60 months"

    def test_a_403_cites_r46_in_chinese_when_the_role_may_not_see(self):
        assert "R46" in page_error(grpc.StatusCode.PERMISSION_DENIED, "").message

    def test_the_explanation_is_bounded_when_long(self):
        assert len(page_error(grpc.StatusCode.INVALID_ARGUMENT, "x" * 5000).message) < 320

    def test_internal_details_are_not_shown_when_the_service_fails(self):
        assert "Traceback" not in page_error(grpc.StatusCode.INTERNAL, "Traceback …").message


class TestRender:
    def test_text_is_escaped_when_it_holds_markup(self):
        page = render(request(CENTRE, viewer=viewer()), "error.html", status=400,
                      message='<script>alert("x")</script>')
        assert "<script>alert" not in page.body.decode()
        assert "&lt;script&gt;" in page.body.decode()

    def test_the_page_carries_the_sessions_csrf_and_the_styles_address_when_signed_in(self):
        text = render(request(CENTRE, viewer=viewer()), "error.html", status=404,
                      message="未找到").body.decode()
        assert 'name="csrf" value="' + "c" * 64 in text
        assert 'href="/command/static/command.css?v=' in text and "style=" not in text

    def test_no_navigation_when_signed_out(self):
        text = render(request(CENTRE), "error.html", status=404, message="x").body.decode()
        assert "主导航" not in text and "csrf" not in text


class TestFormats:
    def test_a_rate_as_a_percent_with_one_decimal_when_given_as_a_fraction(self):
        assert (percent(0.4567), percent(1.0), percent(None)) == ("45.7%", "100.0%", "—")

    def test_money_in_yuan_with_thousands_when_given_in_fen(self):
        assert (yuan(123456789), yuan(-5), yuan(0), yuan(None)) == (
            "¥1,234,567.89", "-¥0.05", "¥0.00", "—")

    def test_a_count_with_thousands_when_large(self):
        assert (count(1234567), count(None)) == ("1,234,567", "—")
