"""Review of issue 18's token CLI as an attacker or a careless operator (R46): the secret
a file holds is the one the suite reads from the same file, a file that is no secret is
refused without being read whole, and a claim of white space is no claim."""

from __future__ import annotations

import pytest

from zhixing.security.tokens import decode_token

SECRET = "the-clusters-own-secret-0123456789abcdef"


class TestSecretFileAsTheSuiteReadsIt:
    # scripts/cluster.sh gives the APIs ZHIXING_JWT_SECRET="$(cat var/cluster/jwt.secret)":
    # the file's text less its trailing newlines, and nothing else dropped.
    @pytest.mark.parametrize("content", [SECRET + "\r\n", SECRET + " \n", "\t" + SECRET])
    def test_the_suites_secret_signs_when_the_file_has_other_white_space(
            self, zhixing, tmp_path, content):
        (tmp_path / "jwt.secret").write_text(content, newline="")
        as_the_suite_reads_it = content.rstrip("\n")
        issued = zhixing("token", ZHIXING_JWT_SECRET_FILE=str(tmp_path / "jwt.secret"))
        assert issued.exit_code == 0, issued.output
        assert decode_token(issued.stdout.strip(), as_the_suite_reads_it).role == "officer"

    def test_no_conflict_when_both_variables_come_from_the_same_crlf_file(self, zhixing,
                                                                         tmp_path):
        (tmp_path / "jwt.secret").write_text(SECRET + "\r\n", newline="")
        issued = zhixing("token", ZHIXING_JWT_SECRET_FILE=str(tmp_path / "jwt.secret"),
                         ZHIXING_JWT_SECRET=SECRET + "\r")
        assert issued.exit_code == 0, issued.stderr

    def test_exit_2_without_its_content_when_the_file_is_far_too_large(self, zhixing,
                                                                      tmp_path):
        (tmp_path / "big").write_text("s" * 100_000)
        issued = zhixing("token", "--secret-file", str(tmp_path / "big"))
        assert issued.exit_code == 2 and issued.stdout == ""
        assert "too large" in issued.stderr and "sss" not in issued.stderr


class TestBlankClaims:
    @pytest.mark.parametrize("role", ["partner", "agency"])
    def test_exit_2_naming_the_agency_claim_when_it_is_only_white_space(self, zhixing, role):
        issued = zhixing("token", "--role", role, "--agency", "  ", ZHIXING_JWT_SECRET=SECRET)
        assert issued.exit_code == 2 and "[agency]" in issued.stderr

    def test_the_agency_claim_is_trimmed_when_given_with_white_space(self, zhixing):
        issued = zhixing("token", "--role", "partner", "--agency", " airline.ca ",
                         ZHIXING_JWT_SECRET=SECRET)
        assert decode_token(issued.stdout.strip(), SECRET).agency == "airline.ca"
