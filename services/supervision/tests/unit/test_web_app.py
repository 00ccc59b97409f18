"""The command centre's application: its settings from the environment, a page's
errors as pages (401 sends the person to sign in again), sign-in switched off in a
cluster by default, and the OIDC sign-in offered when an issuer is set."""

from __future__ import annotations

import pytest
from starlette.requests import Request
from starlette.routing import Route

from zhixing.supervision.web.app import command_centre_from_env
from zhixing.supervision.web.context import PageError
from zhixing.supervision.web.oidc import OidcSettings

from .web_fixtures import NOW, SECRET, call, centre, token


def failing(status: int, message: str):  # type: ignore[no-untyped-def]
    async def page(request: Request) -> None:
        raise PageError(status, message)

    return page


@pytest.fixture(scope="module")
def app():  # type: ignore[no-untyped-def]
    made = centre()
    made.starlette.router.routes.extend([Route("/expired", failing(401, "x")),
                                         Route("/bad", failing(400, "查询参数 to：月份有误"))])
    return made


def from_env(env: dict[str, str], cluster: bool = False):  # type: ignore[no-untyped-def]
    return command_centre_from_env(env, jwt_secrets=[SECRET], clock=lambda: NOW,
                                   cluster=cluster)


class TestPageErrors:
    def test_303_to_signin_clearing_the_session_when_the_service_no_longer_trusts_it(self, app):
        answer = call(app, "/command/expired", query="a=1",
                      cookies={"zhixing_session": token()})
        assert answer.status == 303
        assert answer.header("location") == "/command/signin?next=/command/expired%3Fa%3D1"
        assert any(c.startswith("zhixing_session=;") for c in answer.all("set-cookie"))

    def test_the_error_page_in_chinese_with_its_status_when_a_page_refuses(self, app):
        answer = call(app, "/command/bad", cookies={"zhixing_session": token()})
        assert answer.status == 400 and "查询参数 to：月份有误" in answer.text
        assert "请求有误" in answer.text

    def test_404_in_chinese_when_no_page_is_there(self, app):
        answer = call(app, "/command/nowhere", cookies={"zhixing_session": token()})
        assert answer.status == 404 and "未找到此页面" in answer.text


class TestSettings:
    def test_token_signin_on_and_plain_cookies_when_embedded(self):
        made = from_env({})
        form = call(made, "/command/signin")
        assert 'name="token"' in form.text and "Secure" not in form.header("set-cookie")

    def test_token_signin_off_and_secure_cookies_when_in_a_cluster(self):
        made = from_env({}, cluster=True)
        form = call(made, "/command/signin")
        assert 'name="token"' not in form.text and form.header("set-cookie").endswith("Secure")

    def test_token_signin_refused_when_switched_off(self):
        made = from_env({"ZHIXING_COMMAND_DEV_SIGNIN": "0"})
        form = call(made, "/command/signin")
        value = form.header("set-cookie").split(";")[0].split("=", 1)[1]
        answer = call(made, "/command/signin", method="POST",
                      body=f"signin={value}&token={token()}".encode(),
                      cookies={"zhixing_signin": value})
        assert answer.status == 403 and "ZHIXING_COMMAND_DEV_SIGNIN" in answer.text
        assert not answer.all("set-cookie") or all(
            not c.startswith("zhixing_session=ey") for c in answer.all("set-cookie"))

    def test_a_clear_error_naming_the_setting_when_it_is_not_a_flag(self):
        with pytest.raises(ValueError, match="ZHIXING_COMMAND_SECURE_COOKIES"):
            from_env({"ZHIXING_COMMAND_SECURE_COOKIES": "maybe"})

    def test_the_oidc_button_and_no_token_form_when_an_issuer_is_set_in_a_cluster(self):
        made = from_env({"ZHIXING_OIDC_ISSUER": "https://sso.example/",
                         "ZHIXING_OIDC_CLIENT_ID": "command",
                         "ZHIXING_OIDC_CLIENT_SECRET": "s",
                         "ZHIXING_OIDC_REDIRECT_URL": "https://zx.example/command/oidc/callback"},
                        cluster=True)
        form = call(made, "/command/signin", query="next=/command/alerts")
        assert "使用统一身份认证登录" in form.text and 'name="token"' not in form.text
        assert "/command/oidc/start?next=/command/alerts" in form.text

    def test_no_oidc_button_when_no_issuer_is_set(self):
        assert "统一身份认证" not in call(from_env({}), "/command/signin").text

    def test_a_clear_error_naming_the_setting_when_an_oidc_value_is_missing(self):
        with pytest.raises(ValueError, match="ZHIXING_OIDC_CLIENT_ID"):
            from_env({"ZHIXING_OIDC_ISSUER": "https://sso.example/",
                      "ZHIXING_OIDC_REDIRECT_URL": "https://zx.example/command/oidc/callback"})

    def test_the_client_secret_is_not_shown_when_the_settings_are_logged(self):
        settings = OidcSettings("https://sso.example", "command", "s3cr3t-value", "https://x/")
        assert "s3cr3t-value" not in repr(settings)


class TestFailures:
    def test_a_plain_chinese_500_without_the_errors_text_when_a_page_fails(self):
        async def broken(request: Request) -> None:
            raise RuntimeError("510104198001011234 stack detail")

        made = centre()
        made.starlette.router.routes.append(Route("/broken", broken))
        answer = call(made, "/command/broken", cookies={"zhixing_session": token()},
                      failing=True)
        assert answer.status == 500 and "服务出错" in answer.text
        assert "510104198001011234" not in answer.text and "stack" not in answer.text

    def test_503_when_the_centre_was_never_told_the_services_address(self):
        from zhixing.supervision.web.context import backend_of

        async def page(request: Request) -> None:
            backend_of(request)

        made = centre()
        made.starlette.router.routes.append(Route("/unbound", page))
        answer = call(made, "/command/unbound", cookies={"zhixing_session": token()})
        assert answer.status == 503 and "暂不可用" in answer.text
