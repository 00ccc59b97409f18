"""The CLI kit every context's commands are built on: one line on stderr and a non-zero
exit for every failure (STYLE 14), yuan in and out, identities masked (R60), one client
shape that turns a refusal into `CODE: details`."""

from __future__ import annotations

import grpc
import pytest
import typer

from zhixing.contracts.pb.cases.v1 import cases_pb2, cases_pb2_grpc
from zhixing.kernel.money import MAX_FEN
from zhixing.runtime import cli_kit as kit
from zhixing.security.tokens import decode_token

SECRET = "cli-kit-test-secret-0123456789abcdef0123"
ID_NUMBER = "510104198503120011"


def exits(capsys, action) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    """The exit code of `action()` and the lines it wrote on stderr."""
    with pytest.raises(typer.Exit) as stopped:
        action()
    return stopped.value.exit_code, capsys.readouterr().err.splitlines()


class TestFail:
    def test_one_prefixed_line_and_exit_1_when_a_command_fails(self, capsys):
        assert exits(capsys, lambda: kit.fail("no such case")) == (1, ["zhixing: no such case"])

    def test_the_sub_program_is_named_when_it_fails(self, capsys):
        code, lines = exits(capsys, lambda: kit.fail("grpc: down", command="agency-sim"))
        assert (code, lines) == (1, ["zhixing agency-sim: grpc: down"])

    def test_exit_2_naming_the_option_when_the_input_is_bad(self, capsys):
        code, [line] = exits(capsys, lambda: kit.usage("give a date", "on"))
        assert code == 2 and line == "zhixing: [on]: give a date"


class TestMoney:
    def test_yuan_are_read_as_fen_when_given_with_two_decimals(self):
        assert kit.fen("120000.50", "principal") == 12_000_050

    def test_fen_are_printed_as_yuan_with_two_decimals(self):
        assert kit.yuan(12_000_050) == "120000.50"

    def test_fen_are_printed_as_grouped_yuan_with_the_sign_when_written_as_money(self):
        assert kit.rmb(123_456_700) == "¥1,234,567.00"
        assert (kit.rmb(5), kit.rmb(-2_499)) == ("¥0.05", "-¥24.99")

    def test_exit_2_naming_the_field_when_an_amount_has_three_decimals(self, capsys):
        code, [line] = exits(capsys, lambda: kit.fen("1.005", "amount"))
        assert code == 2 and "[amount]" in line

    def test_exit_2_naming_the_field_when_an_amount_is_zero_where_it_must_be_positive(
            self, capsys):
        code, [line] = exits(capsys, lambda: kit.positive_fen("0", "deposit"))
        assert code == 2 and "[deposit]" in line

    @pytest.mark.parametrize("amount", ["100000000000000000000000000", "1e400", "-1e30",
                                        "1e999999999"])
    def test_exit_2_naming_the_field_when_an_amount_is_past_what_a_message_carries(
            self, capsys, amount):
        # Fen travel as int64: a larger amount ended in protobuf's "Value out of range"
        # traceback, 1e999999999 in decimal.Overflow's.
        code, [line] = exits(capsys, lambda: kit.fen(amount, "start-price"))
        assert code == 2 and "[start-price]" in line and "at most" in line

    def test_the_largest_amount_the_kernel_allows_is_read(self):
        assert kit.fen("1000000000000.00", "amount") == MAX_FEN

    def test_exit_2_naming_the_field_when_an_amount_passes_the_kernels_bound(self, capsys):
        # One bound for the CLI and the services (issue 12 item 3): 2^63−1 fen was read.
        code, [line] = exits(capsys, lambda: kit.fen("92233720368547758.07", "amount"))
        assert code == 2 and "[amount]" in line and "at most" in line


class TestIdentities:
    def test_an_identity_number_is_masked_when_printed(self):
        shown = kit.masked_id(ID_NUMBER)
        assert shown != ID_NUMBER and shown[:3] == ID_NUMBER[:3] and "*" in shown

    @pytest.mark.parametrize("typed", ["张三", "", "1101011990"])
    def test_a_short_identity_is_hidden_whole_when_printed(self, typed):
        # Too short to keep 6 + 4 characters without the birth date: mask_id_number
        # raised, and `zhixing dishonest check 张三` ended in a ValueError traceback.
        assert kit.masked_id(typed) == "*" * len(typed)

    def test_the_court_is_read_from_the_case_number(self):
        assert kit.court_of("(2026)川0104执1号") == "川0104"

    def test_exit_2_when_the_case_number_is_malformed(self, capsys):
        code, lines = exits(capsys, lambda: kit.court_of("川0104-1"))
        assert code == 2 and len(lines) == 1

    def test_the_text_is_not_echoed_when_an_id_number_is_given_as_the_case_number(
            self, capsys):
        code, [line] = exits(capsys, lambda: kit.court_of(ID_NUMBER))
        assert code == 2 and ID_NUMBER not in line and "[case_number]" in line


class TestCaller:
    def test_a_dev_token_carries_the_options_when_no_token_is_given(self, monkeypatch):
        monkeypatch.setenv("ZHIXING_JWT_SECRET", SECRET)
        monkeypatch.delenv("ZHIXING_TOKEN", raising=False)
        token = kit.Caller(court="川0104", role="judge", team="执行一组", user="u-1").token()
        identity = decode_token(token, SECRET)
        assert (identity.subject, identity.role, identity.court, identity.team) == (
            "u-1", "judge", "川0104", "执行一组")

    def test_the_given_token_is_used_when_zhixing_token_is_set(self, monkeypatch):
        monkeypatch.setenv("ZHIXING_TOKEN", "a-real-token")
        assert kit.Caller(court="川0104").token() == "a-real-token"


class TestClient:
    def test_one_line_with_the_status_code_when_the_service_cannot_be_reached(
            self, capsys, monkeypatch):
        monkeypatch.setenv("ZHIXING_JWT_SECRET", SECRET)
        client = kit.Client(cases_pb2_grpc.CasesServiceStub, "127.0.0.1:1",
                            kit.Caller(court="川0104"))
        code, [line] = exits(capsys, lambda: client.call(
            "GetCase", cases_pb2.GetCaseRequest(case_number="(2026)川0104执1号"), timeout=2))
        assert code == 1 and line.startswith(f"zhixing: {grpc.StatusCode.UNAVAILABLE.name}: ")


class TestRefusalLine:
    def test_the_secret_to_set_is_named_when_the_suite_cannot_verify_the_token(self):
        line = kit.refusal_line(grpc.StatusCode.UNAUTHENTICATED, "token signature does not verify")
        assert line.startswith("UNAUTHENTICATED: token signature does not verify — ")
        assert "ZHIXING_JWT_SECRET_FILE" in line and "var/cluster/jwt.secret" in line

    def test_code_and_details_only_when_the_refusal_is_another(self):
        line = kit.refusal_line(grpc.StatusCode.PERMISSION_DENIED, "R46 [role]: no")
        assert line == "PERMISSION_DENIED: R46 [role]: no"
