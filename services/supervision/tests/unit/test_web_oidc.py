"""The pieces of the OIDC sign-in: the PKCE pair (RFC 7636), the sealed flow cookie
(state, nonce, verifier; 10 minutes), the mapping of claims to a suite identity, and
the settings' checks. The flow against a real provider: tests/integration/test_web_oidc.py."""

from __future__ import annotations

import base64
import hashlib

import pytest

from zhixing.supervision.web.oidc import (
    FLOW_SECONDS,
    Flow,
    FlowSeal,
    OidcSettings,
    Refused,
    identity_of,
    pkce_pair,
    s256,
)
from zhixing.supervision.web.session import COMMAND_ROLES

SETTINGS = OidcSettings("https://sso.example", "command", "secret",
                        "https://zx.example/command/oidc/callback")


class TestPkce:
    def test_the_rfc_7636_example_challenge_when_its_verifier_is_given(self):
        # RFC 7636 Appendix B.
        assert s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == \
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

    def test_a_fresh_64_character_verifier_and_its_challenge_when_a_pair_is_made(self):
        (verifier, challenge), (other, _) = pkce_pair(), pkce_pair()
        assert len(verifier) == 64 and verifier != other
        digest = hashlib.sha256(verifier.encode()).digest()
        assert challenge == base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class TestFlowCookie:
    def test_the_same_flow_when_a_sealed_cookie_is_opened_in_time(self):
        seal, flow = FlowSeal("k"), Flow.start("/command/alerts", now=1000)
        value = seal.seal(flow)
        assert seal.open(value, now=1000 + FLOW_SECONDS) == flow
        assert flow.state not in value and flow.verifier not in value

    def test_nothing_when_the_cookie_is_older_than_ten_minutes(self):
        seal = FlowSeal("k")
        value = seal.seal(Flow.start("/command/", now=1000))
        assert seal.open(value, now=1000 + FLOW_SECONDS + 1) is None

    def test_nothing_when_the_cookie_was_changed_or_sealed_with_another_secret(self):
        value = FlowSeal("k").seal(Flow.start("/command/", now=1000))
        changed = value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]
        assert FlowSeal("k").open(changed, now=1000) is None
        assert FlowSeal("other").open(value, now=1000) is None
        assert FlowSeal("k").open("garbage!", now=1000) is None
        assert FlowSeal("k").open("x" * 3000, now=1000) is None


class TestClaims:
    def test_role_court_and_team_from_the_configured_claims_when_present(self):
        settings = OidcSettings("https://sso.example", "c", "s", "https://zx.example/cb",
                                role_claim="zx_role", court_claim="zx_court",
                                team_claim="zx_team")
        identity = identity_of({"sub": "u-7", "zx_role": "president", "zx_court": "川0104",
                                "zx_team": "一组", "role": "congress"}, settings, COMMAND_ROLES)
        assert (identity.subject, identity.role.value, identity.court, identity.team) == \
            ("u-7", "president", "川0104", "一组")

    def test_no_team_when_the_team_claim_is_absent(self):
        identity = identity_of({"sub": "u", "role": "judge", "court": "川0104"}, SETTINGS,
                               COMMAND_ROLES)
        assert identity.team == ""

    @pytest.mark.parametrize(("claims", "says"), [
        ({"sub": "u", "role": "judge"}, "未提供所属法院（court 声明）"),
        ({"sub": "u", "court": "川0104"}, "未提供角色（role 声明）"),
        ({"role": "judge", "court": "川0104"}, "未提供用户标识（sub 声明）"),
        ({"sub": "u", "role": "admin", "court": "川0104"}, "不是执行指挥中心可用的角色"),
        ({"sub": "u", "role": ["judge"], "court": "川0104"}, "应为至多 128 个字符的文本"),
        ({"sub": "u", "role": "judge", "court": "川" * 129}, "应为至多 128 个字符的文本"),
    ])
    def test_refused_in_chinese_naming_the_claim_when_it_is_missing_or_bad(self, claims, says):
        with pytest.raises(Refused) as refused:
            identity_of(claims, SETTINGS, COMMAND_ROLES)
        assert says in refused.value.message and "R46" in refused.value.message
        assert "admin" not in refused.value.message


class TestSettings:
    def test_refused_when_the_issuer_is_plain_http_off_loopback(self):
        with pytest.raises(ValueError, match="ZHIXING_OIDC_ISSUER: must be an https"):
            OidcSettings("http://sso.example", "c", "s", "https://zx.example/cb")

    def test_plain_http_accepted_when_the_issuer_is_on_loopback(self):
        assert OidcSettings("http://127.0.0.1:5556", "c", "s", "http://127.0.0.1/cb").issuer

    def test_the_claim_names_from_the_environment_with_defaults(self):
        settings = OidcSettings.from_env({
            "ZHIXING_OIDC_ISSUER": "https://sso.example/", "ZHIXING_OIDC_CLIENT_ID": "c",
            "ZHIXING_OIDC_CLIENT_SECRET": "s", "ZHIXING_OIDC_REDIRECT_URL": "https://zx/cb",
            "ZHIXING_OIDC_COURT_CLAIM": "court_code"})
        assert settings is not None and settings.issuer == "https://sso.example"
        assert (settings.role_claim, settings.court_claim, settings.team_claim) == \
            ("role", "court_code", "team")
