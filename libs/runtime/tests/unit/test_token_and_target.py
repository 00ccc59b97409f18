"""Tokens that work and targets that follow the suite (issue 18, D6): `zhixing token`
signs with the secret the target verifies with and checks each role's claims when it
issues; every command's default target honours ZHIXING_GRPC_PORT; `audit verify` and
`audit key` as DESIGN §8 names them, the older names hidden aliases."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from zhixing.eventstore.settings import DEV_JWT_SECRET
from zhixing.runtime import cli_kit as kit
from zhixing.security.tokens import decode_token

SECRET = "the-clusters-own-secret-0123456789abcdef"


class TestSigningSecret:
    def test_the_file_named_signs_when_a_secret_file_is_given(self, zhixing, tmp_path):
        (tmp_path / "jwt.secret").write_text(SECRET + "\n")
        issued = zhixing("token", "--secret-file", str(tmp_path / "jwt.secret"))
        assert issued.exit_code == 0, issued.output
        assert decode_token(issued.stdout.strip(), SECRET).role == "officer"

    def test_the_variables_file_signs_when_zhixing_jwt_secret_file_is_set(self, zhixing,
                                                                         tmp_path):
        (tmp_path / "jwt.secret").write_text(SECRET)
        issued = zhixing("token", ZHIXING_JWT_SECRET_FILE=str(tmp_path / "jwt.secret"))
        assert decode_token(issued.stdout.strip(), SECRET).subject == "dev-user"

    def test_exit_2_when_the_two_variables_name_different_secrets(self, zhixing, tmp_path):
        (tmp_path / "jwt.secret").write_text(SECRET)
        issued = zhixing("token", ZHIXING_JWT_SECRET_FILE=str(tmp_path / "jwt.secret"),
                         ZHIXING_JWT_SECRET="another-secret-0123456789abcdef012345")
        assert issued.exit_code == 2 and "name different secrets" in issued.stderr

    def test_the_option_wins_when_a_file_is_named_on_the_command_line(self, zhixing, tmp_path):
        (tmp_path / "jwt.secret").write_text(SECRET)
        issued = zhixing("token", "--secret-file", str(tmp_path / "jwt.secret"),
                         ZHIXING_JWT_SECRET="another-secret-0123456789abcdef012345")
        assert decode_token(issued.stdout.strip(), SECRET).role == "officer"

    def test_zhixing_jwt_secret_signs_when_no_file_is_named(self, zhixing):
        issued = zhixing("token", ZHIXING_JWT_SECRET=SECRET)
        assert decode_token(issued.stdout.strip(), SECRET).court == "川0104"

    def test_exit_2_naming_what_to_set_when_a_cluster_has_no_secret_configured(self, zhixing):
        issued = zhixing("token", ZHIXING_PG_DSN="postgresql://zhixing@127.0.0.1/zhixing")
        assert issued.exit_code == 2 and issued.stdout == ""
        assert len(issued.stderr.splitlines()) == 1
        assert "ZHIXING_JWT_SECRET_FILE" in issued.stderr and "ZHIXING_JWT_SECRET " in issued.stderr

    @pytest.mark.parametrize("content", ["", "  \n"])
    def test_exit_2_naming_the_file_when_it_is_empty(self, zhixing, tmp_path, content):
        (tmp_path / "jwt.secret").write_text(content)
        issued = zhixing("token", "--secret-file", str(tmp_path / "jwt.secret"))
        assert issued.exit_code == 2 and "jwt.secret is empty" in issued.stderr

    def test_exit_2_naming_the_file_when_it_cannot_be_read(self, zhixing, tmp_path):
        issued = zhixing("token", ZHIXING_JWT_SECRET_FILE=str(tmp_path / "missing"))
        assert issued.exit_code == 2 and len(issued.stderr.splitlines()) == 1
        assert "ZHIXING_JWT_SECRET_FILE" in issued.stderr and "missing" in issued.stderr

    def test_a_note_names_the_clusters_file_when_the_dev_secret_signs_beside_it(
            self, zhixing, tmp_path):
        (tmp_path / "var" / "cluster").mkdir(parents=True)
        (tmp_path / "var" / "cluster" / "jwt.secret").write_text(SECRET)
        issued = zhixing("token")
        assert decode_token(issued.stdout.strip(), DEV_JWT_SECRET).role == "officer"
        assert "--secret-file var/cluster/jwt.secret" in issued.stderr

    def test_no_note_when_the_dev_secret_signs_without_a_cluster_here(self, zhixing):
        issued = zhixing("token")
        assert issued.exit_code == 0 and issued.stderr == ""


class TestRequiredClaims:
    def test_exit_2_naming_the_agency_claim_when_a_partner_has_none(self, zhixing):
        issued = zhixing("token", "--role", "partner", ZHIXING_JWT_SECRET=SECRET)
        assert issued.exit_code == 2 and issued.stdout == ""
        assert issued.stderr.startswith("zhixing: R46 [agency]: a partner token needs")

    def test_a_partner_token_carries_its_id_and_no_court_when_the_agency_is_given(self, zhixing):
        issued = zhixing("token", "--role", "partner", "--agency", "airline.ca",
                         ZHIXING_JWT_SECRET=SECRET)
        identity = decode_token(issued.stdout.strip(), SECRET)
        assert (identity.role, identity.agency, identity.court) == ("partner", "airline.ca", "")

    @pytest.mark.parametrize(("role", "claim"), [("judge", "court"), ("congress", "court"),
                                                  ("agency", "agency")])
    def test_exit_2_naming_the_claim_when_the_role_needs_it(self, zhixing, role, claim):
        issued = zhixing("token", "--role", role, "--court", "", ZHIXING_JWT_SECRET=SECRET)
        assert issued.exit_code == 2 and f"[{claim}]" in issued.stderr

    @pytest.mark.parametrize("role", ["admin", "public", "service"])
    def test_no_claim_is_asked_when_the_role_needs_none(self, zhixing, role):
        assert zhixing("token", "--role", role, ZHIXING_JWT_SECRET=SECRET).exit_code == 0

    def test_each_roles_claims_are_listed_when_help_is_asked(self, zhixing):
        shown = zhixing("token", "--help").stdout
        assert "partner" in shown and "--agency: the partner id" in shown
        assert "--court (default 川0104)" in shown and "ZHIXING_JWT_SECRET_FILE" in shown


class TestDefaultTarget:
    def test_the_port_names_the_target_when_only_zhixing_grpc_port_is_set(self, monkeypatch):
        monkeypatch.delenv("ZHIXING_GRPC_TARGET", raising=False)
        monkeypatch.setenv("ZHIXING_GRPC_PORT", "50099")
        assert kit.default_target() == "127.0.0.1:50099"

    def test_zhixing_grpc_target_wins_when_both_are_set(self, monkeypatch):
        monkeypatch.setenv("ZHIXING_GRPC_TARGET", "suite.example:443")
        monkeypatch.setenv("ZHIXING_GRPC_PORT", "50099")
        assert kit.default_target() == "suite.example:443"

    def test_50051_when_neither_is_set(self, monkeypatch):
        for name in ("ZHIXING_GRPC_TARGET", "ZHIXING_GRPC_PORT"):
            monkeypatch.delenv(name, raising=False)
        assert kit.default_target() == "127.0.0.1:50051"

    @pytest.mark.parametrize("port", ["abc", "70000", "0"])
    def test_exit_2_naming_the_variable_when_the_port_cannot_be_called(self, monkeypatch,
                                                                       capsys, port):
        monkeypatch.delenv("ZHIXING_GRPC_TARGET", raising=False)
        monkeypatch.setenv("ZHIXING_GRPC_PORT", port)
        with pytest.raises(typer.Exit) as stopped:
            kit.default_target()
        assert stopped.value.exit_code == 2
        assert capsys.readouterr().err.startswith(f"zhixing: ZHIXING_GRPC_PORT='{port}'")

    def test_a_commands_target_follows_the_port_when_the_option_is_left_out(self, monkeypatch):
        seen = []
        command = typer.Typer()

        @command.command()
        def where(target: kit.Target = kit.TARGET) -> None:
            seen.append(target)

        monkeypatch.delenv("ZHIXING_GRPC_TARGET", raising=False)
        runner = CliRunner()
        runner.invoke(command, [], env={"ZHIXING_GRPC_PORT": "50077"})
        runner.invoke(command, ["--target", "10.0.0.9:1"], env={"ZHIXING_GRPC_PORT": "50077"})
        runner.invoke(command, [], env={"ZHIXING_GRPC_TARGET": "10.0.0.8:2",
                                        "ZHIXING_GRPC_PORT": "50077"})
        assert seen == ["127.0.0.1:50077", "10.0.0.9:1", "10.0.0.8:2"]


class TestAuditNames:
    @pytest.mark.parametrize("words", [["audit", "verify"], ["audit", "key", "rotate"],
                                       ["audit", "key", "new"], ["audit-verify"],
                                       ["audit-key", "new"]])
    def test_the_command_answers_when_called_by_either_name(self, zhixing, words):
        assert zhixing(*words, "--help").exit_code == 0

    def test_only_the_design_names_are_listed_when_help_is_asked(self, zhixing):
        shown = zhixing("--help").stdout
        assert "│ audit " in shown and "audit-verify" not in shown and "audit-key" not in shown

    def test_a_new_key_entry_is_printed_when_audit_key_new_is_run(self, zhixing):
        made = zhixing("audit", "key", "new")
        assert made.exit_code == 0 and ":" in made.stdout.strip()
