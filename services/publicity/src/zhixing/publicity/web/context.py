"""What every portal page works with: the `Portal` (the only door to data), errors as
Chinese pages (`PageError`), the templates (`render`), bounded POST forms from this site
only (`form_of`), and the domain's refusals turned into pages (`page_error`).

A refusal names the field, its bound and the rule in Chinese; it never repeats what the
visitor typed (an ID number pasted into the wrong box, R60) nor a long input.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import HTMLResponse

from zhixing.kernel.errors import (
    AlreadyExists,
    NotFound,
    PermissionDenied,
    PreconditionFailed,
    RuleViolation,
)
from zhixing.publicity.application.portal import Portal

MAX_FORM_BYTES = 32 * 1024
"""The largest form the portal takes: a lead's text at its bound (2,000 Chinese
characters, 9 bytes each once percent-encoded: 18 KB) and its other fields fit."""
MAX_FORM_FIELDS = 16

FIELD_NAMES: Mapping[str, str] = {
    "name": "被执行人姓名或名称", "identity_number": "身份证号码或统一社会信用代码",
    "case_number": "案号", "number": "案号", "court": "法院代码", "court_code": "法院代码",
    "page_token": "翻页", "page": "翻页", "page_size": "每页条数", "scope": "地区或法院",
    "access_code": "查询码", "text": "内容", "contact": "联系方式", "reference": "线索编号",
    "source": "线索来源", "id": "线索对象", "source_id": "线索对象",
    "property_kind": "财产类型", "typical_case_id": "典型案例编号", "notice_id": "悬赏公告编号",
}
"""The fields' names a visitor reads, by the name the form or the domain gives them."""


class PageError(Exception):
    """A page that cannot be shown: its status, a Chinese message naming the field, bound
    and rule (never the visitor's input), and headers (Retry-After)."""

    def __init__(self, status: int, message: str,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message = status, message
        self.headers = dict(headers or {})


def portal_of(request: Request) -> Portal:
    """The service's Portal, set on the application when it was made."""
    portal: Portal = request.app.state.portal
    return portal


def render(request: Request, template: str, *, status_code: int = 200,
           headers: Mapping[str, str] | None = None, **ctx: Any) -> HTMLResponse:
    """`template` with `ctx` and what every page shows (`path`: the current page)."""
    env: Environment = request.app.state.templates
    html = env.get_template(template).render({"path": request.url.path, **ctx})
    return HTMLResponse(html, status_code=status_code, headers=dict(headers or {}))


def field_name(field: str) -> str:
    label = FIELD_NAMES.get(field, "")
    return f"{label}（{field}）" if label else f"（{field[:32]}）"


def invalid(field: str, bound: str, rule: str = "") -> PageError:
    """400 naming `field`, the bound or form it must meet, and the rule."""
    return PageError(400, f"{field_name(field)}：{bound}" + (f"（{rule}）" if rule else ""))


def page_error(error: RuleViolation) -> PageError:
    """The page for a refusal of the Portal. The domain's English message is not shown
    (it is for logs and RPC callers); the page names the field and the rule in Chinese."""
    rule = f"（{error.rule}）" if error.rule else ""
    where = field_name(error.field) + "：" if error.field else ""
    if isinstance(error, NotFound):
        return PageError(404, f"{where}未找到所查内容{rule}")
    if isinstance(error, PermissionDenied):
        return PageError(403, f"{where}无权办理{rule}")
    if isinstance(error, AlreadyExists):
        return PageError(409, f"{where}已办理过{rule}")
    if isinstance(error, PreconditionFailed):
        return PageError(409, f"{where}当前状态下不能办理{rule}")
    return PageError(400, f"{where}格式或范围不符合要求{rule}")


async def form_of(request: Request) -> dict[str, str]:
    """The urlencoded POST body as fields (the first of a repeated name), from a page of
    this very site (`Origin`/`Sec-Fetch-Site`), within `MAX_FORM_BYTES` and
    `MAX_FORM_FIELDS`; a `PageError` otherwise."""
    same_origin(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise PageError(400, "表单：只接受 application/x-www-form-urlencoded 编码")
    announced = request.headers.get("content-length", "")
    if announced.isdigit() and int(announced) > MAX_FORM_BYTES:
        raise PageError(413, f"表单：至多 {MAX_FORM_BYTES // 1024} KiB")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise PageError(413, f"表单：至多 {MAX_FORM_BYTES // 1024} KiB")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                          max_num_fields=MAX_FORM_FIELDS)
    except UnicodeDecodeError:
        raise PageError(400, "表单：须为 UTF-8 编码") from None
    except ValueError:
        raise PageError(413, f"表单：至多 {MAX_FORM_FIELDS} 个字段") from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name, value)
    return fields


def same_origin(request: Request) -> None:
    """403 unless the POST comes from a page of this site: a form of another site must
    not search, report or sign in for a visitor. Browsers say so in `Sec-Fetch-Site`;
    `Origin`, when it names a site, must be this one. Under the suite's
    `Referrer-Policy: no-referrer` a browser sends `Origin: null` even from its own
    pages, so a null origin passes only with `Sec-Fetch-Site: same-origin`."""
    site = request.headers.get("sec-fetch-site", "")
    if site and site not in ("same-origin", "none"):
        raise PageError(403, "表单须从本网站提交（Sec-Fetch-Site 不符）")
    origin = request.headers.get("origin", "")
    if origin == "null":
        if site != "same-origin":
            raise PageError(403, "表单须从本网站提交（Origin 不符）")
    elif origin and origin.split("://", 1)[-1] != request.headers.get("host", ""):
        raise PageError(403, "表单须从本网站提交（Origin 不符）")


def text_field(fields: Mapping[str, str], name: str, *, chars: int, required: bool = True,
               rule: str = "") -> str:
    """Field `name` stripped, within `chars` characters (400 naming the bound otherwise;
    the value itself is never repeated)."""
    value = str(fields.get(name, "")).strip()
    if required and not value:
        raise invalid(name, "必填", rule)
    if len(value) > chars:
        raise invalid(name, f"至多 {chars} 个字符", rule)
    if any(ord(c) < 0x20 and c not in "\r\n\t" for c in value):
        raise invalid(name, "不能含控制字符", rule)
    return value
