"""我的案件 — the parties' window: the case number and its access code open a short-lived
sealed session (session.py); the page shows the case's timeline, the deadlines ahead and
the party's own messages, and takes a new message (POST, CSRF-checked).

A wrong code and an unknown case answer alike (the Portal's NotFound), so the window
tells nobody which cases exist; too many wrong codes for a case answer 429 (app.py)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from zhixing.kernel.errors import NotFound

from ..context import PageError, form_of, portal_of, render, text_field
from ..session import PartySession, PartySessions
from .inputs import CODE_CHARS, MESSAGE_CHARS, NUMBER_CHARS, call

WRONG = "案号或查询码不正确（每个地址每案 15 分钟内至多尝试 5 次）"


def _sessions(request: Request) -> PartySessions:
    sessions: PartySessions = request.app.state.sessions
    return sessions


def _client(request: Request) -> str:
    """Who tries a code: the address the portal's budgets know it by (`app.py`)."""
    return str(getattr(request.state, "client", "") or "-")


def _session(request: Request) -> PartySession | None:
    return _sessions(request).open(request.headers.get("cookie", ""))


async def my_case(request: Request) -> Response:
    """The case of the session, or the sign-in form."""
    session = _session(request)
    if session is None:
        return _signin(request)
    try:
        view = await call(portal_of(request).parties, "open", session.case_number,
                          session.access_code, _client(request))
    except NotFound:  # the code no longer opens the case: the session ends
        response = _signin(request, "会话已失效，请重新输入案号和查询码", 401)
        response.headers.append("set-cookie", _sessions(request).cleared())
        return response
    return render(request, "my_case.html", view=view, csrf=session.csrf,
                  message_chars=MESSAGE_CHARS, sent=request.query_params.get("sent") == "1",
                  error="")


def _signin(request: Request, error: str = "", status: int = 200) -> Response:
    return render(request, "my_case_signin.html", status_code=status, error=error,
                  number_chars=NUMBER_CHARS, code_chars=CODE_CHARS)


async def open_case(request: Request) -> Response:
    """Case number + access code checked by the Portal; a sealed session on success."""
    fields = await form_of(request)
    try:
        number = text_field(fields, "case_number", chars=NUMBER_CHARS)
        code = text_field(fields, "access_code", chars=CODE_CHARS).upper()
    except PageError as error:
        return _signin(request, error.message, error.status)
    try:
        await call(portal_of(request).parties, "open", number, code, _client(request))
    except NotFound:
        return _signin(request, WRONG, 404)
    _, cookie = _sessions(request).begin(number, code)
    response = RedirectResponse("/my-case", status_code=303)
    response.headers.append("set-cookie", cookie)
    return response


async def leave_message(request: Request) -> Response:
    """A message to the case's team (留言): it reaches the officer's worklist."""
    fields = await form_of(request)
    session = _session(request)
    if session is None:
        return _signin(request, "会话已失效，请重新输入案号和查询码", 401)
    if not session.csrf_matches(fields.get("csrf", "")):
        raise PageError(403, "表单校验失败（csrf 字段缺失或不符）：请刷新页面后重试")
    text = text_field(fields, "text", chars=MESSAGE_CHARS)
    await call(portal_of(request).app, "leave_message", session.case_number,
               session.access_code, text, _client(request))
    return RedirectResponse("/my-case?sent=1", status_code=303)


async def sign_out(request: Request) -> Response:
    await form_of(request)
    response = RedirectResponse("/my-case", status_code=303)
    response.headers.append("set-cookie", _sessions(request).cleared())
    return response


ROUTES: list[BaseRoute] = [
    Route("/my-case", my_case, methods=["GET"]),
    Route("/my-case", open_case, methods=["POST"]),
    Route("/my-case/message", leave_message, methods=["POST"]),
    Route("/my-case/exit", sign_out, methods=["POST"]),
]
