from datetime import UTC, datetime, timedelta

import pytest

from zhixing.kernel.errors import InvalidInput
from zhixing.security import Identity, Role, Unauthenticated, decode_token, issue_token

SECRET = "a-test-secret-that-is-long-enough-for-hs256"
OFFICER = Identity("officer-7", Role.OFFICER, court="2400", team="team-1")


class TestTokenRoundTrip:
    def test_identity_survives_when_token_is_issued_and_decoded(self) -> None:
        assert decode_token(issue_token(OFFICER, SECRET), SECRET) == OFFICER

    def test_agency_identity_survives_when_round_tripped(self) -> None:
        bank = Identity("icbc-gateway", "agency", agency="bank:icbc")
        decoded = decode_token(issue_token(bank, SECRET), SECRET)
        assert decoded.role is Role.AGENCY
        assert decoded.agency == "bank:icbc"


class TestTokenRefused:
    def test_unauthenticated_when_token_expired(self) -> None:
        long_ago = datetime.now(UTC) - timedelta(days=2)
        token = issue_token(OFFICER, SECRET, ttl=timedelta(hours=8), now=long_ago)
        with pytest.raises(Unauthenticated, match="expired"):
            decode_token(token, SECRET)

    def test_unauthenticated_when_signed_with_another_secret(self) -> None:
        token = issue_token(OFFICER, "another-secret-that-is-long-enough-too!!")
        with pytest.raises(Unauthenticated, match="signature"):
            decode_token(token, SECRET)

    def test_unauthenticated_without_echoing_token_when_garbage(self) -> None:
        with pytest.raises(Unauthenticated) as refused:
            decode_token("not.a-jwt.at-all", SECRET)
        assert "not.a-jwt" not in str(refused.value)

    def test_unauthenticated_when_role_is_unknown(self) -> None:
        import jwt

        now = int(datetime.now(UTC).timestamp())
        forged = jwt.encode(
            {"sub": "x", "role": "emperor", "iat": now, "exp": now + 60, "iss": "zhixing"},
            SECRET,
            algorithm="HS256",
        )
        with pytest.raises(Unauthenticated, match="role"):
            decode_token(forged, SECRET)

    @pytest.mark.parametrize("claims", [
        {"team": None}, {"team": ["team-1"]}, {"court": None}, {"court": 2400},
        {"agency": {"id": "bank:icbc"}}, {"sub": 7},
    ], ids=["team null", "team list", "court null", "court number", "agency object",
            "subject number"])
    def test_unauthenticated_when_a_scope_claim_is_not_text(self, claims) -> None:
        # A null team became the team "None", a list the team "['team-1']": scopes
        # compared as text they were never given (issue 12 item 7, R46).
        import jwt

        now = int(datetime.now(UTC).timestamp())
        token = jwt.encode({"sub": "x", "role": "officer", "court": "2400", "iat": now,
                            "exp": now + 60, "iss": "zhixing", **claims}, SECRET,
                           algorithm="HS256")
        with pytest.raises(Unauthenticated):
            decode_token(token, SECRET)

    def test_invalid_input_when_secret_is_empty(self) -> None:
        with pytest.raises(InvalidInput, match="secret"):
            issue_token(OFFICER, "")


class TestIdentity:
    def test_invalid_input_when_role_is_unknown(self) -> None:
        with pytest.raises(InvalidInput, match="role"):
            Identity("someone", "emperor")  # type: ignore[arg-type]


class TestRotationWindow:
    """ZHIXING_JWT_OLD_SECRETS: retired secrets verify, never sign (key-rotation runbook)."""

    RETIRED = "the-secret-before-the-rotation-long-enough"

    def test_identity_decoded_when_signed_with_a_retired_secret_still_listed(self) -> None:
        token = issue_token(OFFICER, self.RETIRED)
        assert decode_token(token, SECRET, old_secrets=[self.RETIRED]) == OFFICER

    def test_identity_decoded_when_signed_with_the_current_secret_beside_old_ones(self) -> None:
        token = issue_token(OFFICER, SECRET)
        assert decode_token(token, SECRET, old_secrets=[self.RETIRED, "x" * 40]) == OFFICER

    def test_unauthenticated_when_signed_with_a_secret_not_listed(self) -> None:
        token = issue_token(OFFICER, "a-third-secret-nobody-listed-long-enough")
        with pytest.raises(Unauthenticated, match="signature"):
            decode_token(token, SECRET, old_secrets=[self.RETIRED])

    def test_unauthenticated_as_expired_when_an_old_token_has_expired(self) -> None:
        long_ago = datetime.now(UTC) - timedelta(days=2)
        token = issue_token(OFFICER, self.RETIRED, ttl=timedelta(hours=8), now=long_ago)
        with pytest.raises(Unauthenticated, match="expired"):
            decode_token(token, SECRET, old_secrets=[self.RETIRED])
