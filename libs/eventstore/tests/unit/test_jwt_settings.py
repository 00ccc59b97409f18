"""The token secrets a process accepts (R46): the current one signs, retired ones
(`ZHIXING_JWT_OLD_SECRETS`) are still verified during a rotation window."""

from __future__ import annotations

import pytest

from zhixing.eventstore.settings import (
    DEV_JWT_SECRET,
    MAX_OLD_JWT_SECRETS,
    PublicJwtSecret,
    Settings,
)

RETIRED = "r" * 44
CLUSTER = {"ZHIXING_PG_DSN": "postgresql://zhixing@127.0.0.1:5432/zhixing",
           "ZHIXING_JWT_SECRET": "the-new-secret"}


class TestOldSecrets:
    def test_each_retired_secret_read_when_listed_with_commas(self) -> None:
        settings = Settings.from_env({"ZHIXING_JWT_OLD_SECRETS": " first , second,, "})
        assert settings.jwt_old_secrets == ("first", "second")

    def test_none_when_the_variable_is_absent(self) -> None:
        assert Settings.from_env({}).jwt_old_secrets == ()

    def test_never_shown_when_settings_are_printed(self) -> None:
        settings = Settings.from_env({"ZHIXING_JWT_OLD_SECRETS": "retired-value"})
        assert "retired-value" not in repr(settings)


class TestClusterRefusesThePublicSecret:
    def test_refused_when_the_development_secret_is_among_the_old_ones(self) -> None:
        settings = Settings.from_env({**CLUSTER, "ZHIXING_JWT_OLD_SECRETS": DEV_JWT_SECRET})
        with pytest.raises(PublicJwtSecret, match="ZHIXING_JWT_OLD_SECRETS"):
            settings.check_token_secret()

    def test_accepted_when_the_old_secrets_are_private(self) -> None:
        Settings.from_env({**CLUSTER, "ZHIXING_JWT_OLD_SECRETS": RETIRED}).check_token_secret()

    def test_refused_when_more_old_secrets_than_the_bound(self) -> None:
        many = ",".join(f"{n}{RETIRED}" for n in range(MAX_OLD_JWT_SECRETS + 1))
        with pytest.raises(PublicJwtSecret, match=f"at most {MAX_OLD_JWT_SECRETS}"):
            Settings.from_env({**CLUSTER, "ZHIXING_JWT_OLD_SECRETS": many}).check_token_secret()

    def test_refused_without_echo_when_a_comma_cuts_a_secret_into_short_pieces(self) -> None:
        settings = Settings.from_env({**CLUSTER, "ZHIXING_JWT_OLD_SECRETS": "abc,def" + RETIRED})
        with pytest.raises(PublicJwtSecret, match="number 1 is shorter than 32") as refused:
            settings.check_token_secret()
        assert "abc" not in str(refused.value)
