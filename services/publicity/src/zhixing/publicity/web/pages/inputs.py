"""The query parameters of the pages, bounded and checked before any Portal call: a
court code, an opaque page token, a case number; each refusal names the field and bound
in Chinese and never repeats the value. Portal calls run in the server's thread pool
(the read models are read synchronously)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from zhixing.contracts.bounds import OVERRIDES, SHORT
from zhixing.kernel.courts import CourtCode
from zhixing.kernel.masking import mask_id_number

from ..context import invalid

COURT_CHARS = 16
"""The longest court code or region prefix (川0104 is 5)."""
TOKEN_CHARS = SHORT.chars
NUMBER_CHARS = SHORT.chars
NAME_CHARS = OVERRIDES["zhixing.publicity.v1.SearchDebtorRequest.name"].chars
IDENTITY_CHARS = OVERRIDES["zhixing.publicity.v1.SearchDebtorRequest.identity_number"].chars
LEAD_TEXT_CHARS = OVERRIDES["zhixing.publicity.v1.ReportLeadRequest.text"].chars
CONTACT_CHARS = OVERRIDES["zhixing.publicity.v1.ReportLeadRequest.contact"].chars
REFERENCE_CHARS = OVERRIDES["zhixing.publicity.v1.GetLeadStatusRequest.reference"].chars
CODE_CHARS = OVERRIDES["zhixing.publicity.v1.OpenPartyCaseRequest.access_code"].chars
MESSAGE_CHARS = OVERRIDES["zhixing.publicity.v1.LeaveMessageRequest.text"].chars
MAX_PARAMS = 8
"""The most query parameters a page reads (a page takes two or three)."""


async def call(owner: object, method: str, *args: Any) -> Any:
    """`owner.method(*args)` — a Portal call — off the event loop (the read models are
    read synchronously). NotImplementedError while the owner does not have it yet."""
    fn: Callable[..., Any] | None = getattr(owner, method, None)
    if fn is None:
        raise NotImplementedError(f"{type(owner).__name__}.{method}")
    return await run_in_threadpool(fn, *args)


def param(request: Request, name: str, chars: int, rule: str = "") -> str:
    """Query parameter `name` stripped, within `chars` characters (a refusal names the
    field, the bound and `rule`)."""
    if len(request.query_params) > MAX_PARAMS:
        raise invalid("query", f"至多 {MAX_PARAMS} 个查询参数")
    value = request.query_params.get(name, "").strip()
    if len(value) > chars:
        raise invalid(name, f"至多 {chars} 个字符", rule)
    if any(ord(c) < 0x20 for c in value):
        raise invalid(name, "不能含控制字符", rule)
    return value


def court_param(request: Request) -> str:
    """The court of a list ("川0104"; R39's form), "" for every court."""
    court = param(request, "court", COURT_CHARS, "R39")
    if court:
        CourtCode.parse(court, field="court")  # InvalidInput naming the field and R39
    return court


def page_param(request: Request) -> str:
    """The opaque token of the page asked for ("" for the first)."""
    return param(request, "page", TOKEN_CHARS, "R61")


def shown_identity(identity: str) -> str:
    """An identity as the public may see it: a natural person's 18-character resident ID
    masked (R60; the read models mask it already — this is the last line), an
    organisation's credit code as it is (R6)."""
    text = identity.strip()
    if len(text) == 18 and text[:17].isdigit() and (text[17].isdigit() or text[17] in "Xx"):
        return mask_id_number(text)
    if len(text) == 15 and text.isdigit():  # a first-generation resident ID
        return mask_id_number(text)
    return text
