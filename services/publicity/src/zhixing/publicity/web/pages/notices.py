"""Typical cases (典型案例), reward notices (悬赏公告) and leads (执行线索): the lists and a
page each, the lead form (POST → the reference) and a lead's status by its reference."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from zhixing.publicity.domain.lead import PROPERTY_KINDS as LEAD_PROPERTY_KINDS
from zhixing.publicity.domain.lead import SOURCES as LEAD_SOURCES

from ..context import PageError, form_of, invalid, portal_of, render, text_field
from .inputs import (
    CONTACT_CHARS,
    LEAD_TEXT_CHARS,
    REFERENCE_CHARS,
    TOKEN_CHARS,
    call,
    court_param,
    page_param,
    param,
    shown_identity,
)

TYPICAL_PAGE = 10
REWARDS_PAGE = 20
SOURCE_LABELS = {"listing": "失信被执行人", "restriction": "限制消费人员", "zhongben": "终本案件",
                 "reward": "悬赏公告"}
KIND_LABELS = {"deposit": "存款、理财", "vehicle": "车辆", "real_estate": "房产",
               "securities": "证券", "equity": "股权、投资", "whereabouts": "被执行人下落",
               "other": "其他财产"}
SOURCES = {source: SOURCE_LABELS.get(source, source) for source in LEAD_SOURCES}
"""What a lead may be reported on (the domain's list, named in Chinese)."""
PROPERTY_KINDS = {kind: KIND_LABELS.get(kind, kind) for kind in LEAD_PROPERTY_KINDS}
"""The kinds of property a lead names (the form's choices: the domain's list)."""


async def typical_list(request: Request) -> Response:
    court, token = court_param(request), page_param(request)
    cases, following = await call(portal_of(request).typical, "published", court, TYPICAL_PAGE,
                                  token)
    return render(request, "typical_list.html", cases=cases, court=court,
                  following=following, first=not token)


async def typical_page(request: Request) -> Response:
    view = await call(portal_of(request).typical, "get", _id(request, "typical_case_id"))
    return render(request, "typical.html", case=view)


async def rewards_list(request: Request) -> Response:
    court, token = court_param(request), page_param(request)
    notices, following = await call(portal_of(request).leads, "reward_notices", court,
                                     REWARDS_PAGE, token)
    return render(request, "rewards_list.html", notices=notices, court=court,
                  following=following, first=not token, shown_identity=shown_identity)


async def reward_page(request: Request) -> Response:
    notice = await call(portal_of(request).leads, "reward_notice", _id(request, "notice_id"))
    return render(request, "reward.html", notice=notice, shown_identity=shown_identity)


def _id(request: Request, field: str) -> str:
    value = str(request.path_params.get("id", ""))
    if not value or len(value) > TOKEN_CHARS or not value.isascii():
        raise invalid(field, f"应为至多 {TOKEN_CHARS} 个字符的编号")
    return value


def _target(source: str, source_id: str) -> tuple[str, str]:
    if source not in SOURCES:
        raise invalid("source", "应为 " + "、".join(SOURCES) + " 之一", "R27")
    if not source_id or len(source_id) > TOKEN_CHARS or not source_id.isprintable():
        raise invalid("id", f"应为 1 至 {TOKEN_CHARS} 个字符的编号或案号", "R27")
    return source, source_id


async def lead_form(request: Request) -> Response:
    """The form for a lead on a published entry (`source`, `id` from its page)."""
    source, source_id = _target(param(request, "source", 16), param(request, "id", TOKEN_CHARS))
    target = await call(portal_of(request).leads, "target_of", source, source_id)
    return _lead_page(request, source, source_id, target)


def _lead_page(request: Request, source: str, source_id: str, target: object,
               error: str = "", status: int = 200) -> Response:
    return render(request, "lead_form.html", status_code=status, source=source,
                  source_label=SOURCES[source], source_id=source_id, target=target,
                  kinds=PROPERTY_KINDS, text_chars=LEAD_TEXT_CHARS,
                  contact_chars=CONTACT_CHARS, error=error)


async def lead_submit(request: Request) -> Response:
    """The lead reported: its reference to follow it (the text is never shown again)."""
    fields = await form_of(request)
    source, source_id = _target(fields.get("source", ""), fields.get("id", ""))
    target = await call(portal_of(request).leads, "target_of", source, source_id)
    try:
        kind = fields.get("property_kind", "")
        if kind not in PROPERTY_KINDS:
            raise invalid("property_kind", "应从所列财产类型中选择")
        text = text_field(fields, "text", chars=LEAD_TEXT_CHARS)
        contact = text_field(fields, "contact", chars=CONTACT_CHARS, required=False)
    except PageError as error:
        return _lead_page(request, source, source_id, target, error.message, error.status)
    receipt = await call(portal_of(request).app, "report_lead", target, source, source_id,
                         kind, text, contact)
    return render(request, "lead_receipt.html", receipt=receipt)


async def lead_status(request: Request) -> Response:
    """Where a lead stands, by its reference (never its text)."""
    reference = param(request, "reference", REFERENCE_CHARS).upper()
    if not reference:
        return render(request, "lead_status.html", status=None, reference_chars=REFERENCE_CHARS)
    status = await call(portal_of(request).leads, "status", reference)
    return render(request, "lead_status.html", status=status, reference_chars=REFERENCE_CHARS)


ROUTES: list[BaseRoute] = [
    Route("/typical", typical_list, methods=["GET"]),
    Route("/typical/{id}", typical_page, methods=["GET"]),
    Route("/rewards", rewards_list, methods=["GET"]),
    Route("/rewards/{id}", reward_page, methods=["GET"]),
    Route("/leads/new", lead_form, methods=["GET"]),
    Route("/leads/new", lead_submit, methods=["POST"]),
    Route("/leads/status", lead_status, methods=["GET"]),
]
