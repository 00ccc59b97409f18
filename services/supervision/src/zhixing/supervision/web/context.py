"""What every command-centre page works with: who is signed in (`Viewer`), the
supervision service called as them (`Backend`), errors as pages (`PageError`), the
templates (`render`), POST forms checked for CSRF (`form_of`) and the period of a query
(`period_of`).

The centre is a client of the service's public gRPC contract: the service authorises,
scopes (R39, R46) and audits each call made with the person's own token; a page only maps
the service's answer, or its refusal, to HTML.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import grpc
from grpc import aio
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse

from zhixing.contracts.pb.supervision.v1 import supervision_pb2, supervision_pb2_grpc
from zhixing.kernel.clock import legal_date
from zhixing.security.identity import Identity, Role
from zhixing.security.tokens import bearer_metadata

from .shell import NotBound, Shell

STAFF = frozenset({Role.OFFICER, Role.JUDGE, Role.PRESIDENT, Role.SUPERVISOR})
"""Case-level work within their court prefix (the service's own policies decide)."""
LEADERS = frozenset({Role.PRESIDENT, Role.SUPERVISOR})
DEADLINE_SECONDS = 5.0
"""How long a page waits for the supervision service."""
MAX_FORM_BYTES = 64 * 1024
MAX_FORM_FIELDS = 32
MAX_MONTHS = 60
"""The longest period a query takes (issue 16: every input bounded)."""
DEFAULT_MONTHS = 12
ROLE_NAMES = {Role.OFFICER: "执行员", Role.JUDGE: "法官", Role.PRESIDENT: "院长",
              Role.SUPERVISOR: "指挥中心", Role.PROCURATOR: "检察院", Role.CONGRESS: "人大代表",
              Role.DISCIPLINE: "纪检监察"}
"""The roles' names a person reads."""
METHODS = frozenset(
    supervision_pb2.DESCRIPTOR.services_by_name["SupervisionService"].methods_by_name)
"""The RPCs a page may call: the service's contract, nothing else."""


@dataclass(frozen=True)
class Viewer:
    """The signed-in person: their identity, the token every call carries, and the CSRF
    value their forms carry back."""

    identity: Identity
    token: str
    csrf: str

    @property
    def role(self) -> Role:
        return self.identity.role

    @property
    def court(self) -> str:
        return str(self.identity.court)

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, str(self.role.value))

    @property
    def sees_cases(self) -> bool:
        """Case-level pages (drill-down, case file): not congress or discipline (R46)."""
        return self.role not in (Role.CONGRESS, Role.DISCIPLINE)

    @property
    def is_leader(self) -> bool:
        """Closes alerts by hand (president, supervisor)."""
        return self.role in LEADERS

    @property
    def is_staff(self) -> bool:
        """The court's own people: the court board and the alert queue."""
        return self.role in STAFF

    @property
    def sees_figures(self) -> bool:
        """The KPI pages (GetKpis): staff, procurator, congress."""
        return self.role in STAFF or self.role in (Role.PROCURATOR, Role.CONGRESS)

    @property
    def sees_interference(self) -> bool:
        """The quarterly interference summary (R35): president and discipline."""
        return self.role in (Role.PRESIDENT, Role.DISCIPLINE)

    def __repr__(self) -> str:  # never the token in a log or a traceback
        return f"Viewer(role={self.role.value!r}, court={self.court!r})"


class PageError(Exception):
    """A page that cannot be shown: its HTTP status and a Chinese message naming the
    field, bound and rule — never personal data or the token. Rendered with
    templates/error.html; 401 sends the person to sign in again."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def viewer_of(request: Request) -> Viewer:
    """The signed-in person (set by the session middleware before any page runs)."""
    viewer = request.scope.get("state", {}).get("viewer")
    if not isinstance(viewer, Viewer):
        raise PageError(401, "请先登录")
    return viewer


def shell_of(request: Request) -> Shell:
    """The centre's shared parts (templates, gRPC channel, clock), set by the app."""
    shell: Shell = request.app.state.shell
    return shell


class Backend:
    """The supervision service, called as the viewer: their bearer token, a deadline, and
    the service's refusals turned into `PageError`s."""

    def __init__(self, channel: aio.Channel, token: str, deadline: float = DEADLINE_SECONDS
                 ) -> None:
        self._stub = supervision_pb2_grpc.SupervisionServiceStub(channel)
        self._metadata = bearer_metadata(token)
        self._deadline = deadline

    async def call(self, method: str, message: Any) -> Any:
        """`method` of SupervisionService (e.g. "GetKpis") with `message`; its answer."""
        if method not in METHODS:
            raise ValueError(f"SupervisionService has no method {method[:64]!r}")
        rpc = getattr(self._stub, method)
        try:
            return await rpc(message, metadata=self._metadata, timeout=self._deadline)
        except aio.AioRpcError as error:
            raise page_error(error.code(), error.details() or "") from None


_STATUS: Mapping[grpc.StatusCode, tuple[int, str]] = {
    grpc.StatusCode.UNAUTHENTICATED: (401, "登录已失效，请重新登录（R46）"),
    grpc.StatusCode.PERMISSION_DENIED: (403, "无权查看：您的角色或法院不能查看此内容（R46）"),
    grpc.StatusCode.NOT_FOUND: (404, "未找到所查内容"),
    grpc.StatusCode.INVALID_ARGUMENT: (400, "查询条件有误"),
    grpc.StatusCode.FAILED_PRECONDITION: (400, "当前状态下不能办理"),
    grpc.StatusCode.OUT_OF_RANGE: (400, "查询条件超出范围"),
    grpc.StatusCode.ALREADY_EXISTS: (409, "已办理过"),
    grpc.StatusCode.RESOURCE_EXHAUSTED: (429, "请求过于频繁，请稍后再试"),
    grpc.StatusCode.UNAVAILABLE: (503, "监督服务暂不可用，请稍后再试"),
    grpc.StatusCode.DEADLINE_EXCEEDED: (503, "监督服务未能及时答复，请稍后再试"),
}
MAX_DETAIL_CHARS = 300
"""The most of the service's own explanation a page repeats (it names field, bound and
rule and never personal data; bounded all the same)."""


def page_error(code: grpc.StatusCode, details: str) -> PageError:
    """The page for a gRPC refusal. The service's explanation is kept for the refusals a
    person can act on (400, 403, 409)."""
    status, message = _STATUS.get(code, (500, "服务出错，请稍后再试"))
    if status in (400, 403, 409) and details:
        message = f"{message}：{details[:MAX_DETAIL_CHARS]}"
    return PageError(status, message)


def backend_of(request: Request) -> Backend:
    """The supervision service called as the signed-in person."""
    viewer = viewer_of(request)
    try:
        channel = shell_of(request).channel()
    except NotBound:
        raise PageError(503, "监督服务暂不可用，请稍后再试（指挥中心尚未连接监督服务）") from None
    return Backend(channel, viewer.token)


def render(request: Request, template: str, *, status_code: int = 200,
           **ctx: Any) -> HTMLResponse:
    """`template` (templates/, autoescaped) with `ctx` and what every page shows:
    `viewer` (None when signed out), `csrf`, `root` (the centre's prefix, e.g.
    "/command"), `nav` (the links the viewer's role can use) and `static(name)`."""
    shell = shell_of(request)
    viewer = request.scope.get("state", {}).get("viewer")
    root = request.scope.get("root_path", "")
    page = {"viewer": viewer, "csrf": viewer.csrf if viewer is not None else "",
            "root": root, "nav": nav_of(viewer, root, request.url.path),
            "static": shell.static_url(root), **ctx}
    html = shell.templates.get_template(template).render(page)
    return HTMLResponse(html, status_code=status_code)


def nav_of(viewer: Viewer | None, root: str, path: str) -> list[tuple[str, str, bool]]:
    """(label, href, current) of each page the viewer's role can use; the service still
    decides what each shows (R46)."""
    if viewer is None:
        return []
    links: list[tuple[str, str]] = []
    if viewer.sees_figures:
        links.append(("全辖概览", f"{root}/"))
    if viewer.is_staff and viewer.court:
        links.append(("本院", f"{root}/courts/{viewer.court}"))
    if viewer.is_staff:
        links.append(("预警", f"{root}/alerts"))
    if viewer.sees_figures:
        links.append(("协助单位", f"{root}/agencies"))
    links.append(("报告", f"{root}/reports"))
    return [(label, href, path == href or (href != f"{root}/" and path.startswith(href)))
            for label, href in links]


async def form_of(request: Request) -> FormData:
    """The POST form, bounded (`MAX_FORM_BYTES`, `MAX_FORM_FIELDS`, urlencoded only), its
    `csrf` field checked against the session's: 403 otherwise. Every POST handler of the
    centre reads its form through here."""
    fields = await bounded_form(request)
    sent = fields.get("csrf", "")
    if not isinstance(sent, str) or not hmac.compare_digest(
            sent.encode(), viewer_of(request).csrf.encode()):
        raise PageError(403, "表单校验失败（csrf 字段缺失或不符）：请刷新页面后重试")
    return fields


async def bounded_form(request: Request) -> FormData:
    """The urlencoded body as a form, refused beyond its bounds (no CSRF check: the
    sign-in form checks its own)."""
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
                          max_num_fields=MAX_FORM_FIELDS, strict_parsing=False)
    except UnicodeDecodeError:
        raise PageError(400, "表单：须为 UTF-8 编码") from None
    except ValueError:
        raise PageError(413, f"表单：至多 {MAX_FORM_FIELDS} 个字段") from None
    fields: list[tuple[str, str | UploadFile]] = list(pairs)
    return FormData(fields)


def period_of(request: Request) -> tuple[str, str]:
    """The months `from` and `to` of the query (YYYY-MM), by default the 12 months ending
    with the current month; 400 naming the field and bound when malformed, reversed or
    longer than `MAX_MONTHS`."""
    today = legal_date(shell_of(request).clock())
    end = _month(request.query_params.get("to"), "to") or (today.year, today.month)
    start = _month(request.query_params.get("from"), "from") or _minus(end, DEFAULT_MONTHS - 1)
    span = (end[0] - start[0]) * 12 + end[1] - start[1] + 1
    if span < 1:
        raise PageError(400, "查询期间：起始月份（from）不能晚于结束月份（to）")
    if span > MAX_MONTHS:
        raise PageError(400, f"查询期间：至多 {MAX_MONTHS} 个月（from 至 to 共 {span} 个月）")
    return f"{start[0]:04d}-{start[1]:02d}", f"{end[0]:04d}-{end[1]:02d}"


def _month(text: str | None, name: str) -> tuple[int, int] | None:
    if not text:
        return None
    if len(text) != 7 or text[4] != "-" or not (text[:4].isdigit() and text[5:].isdigit()) \
            or not text.isascii():
        raise PageError(400, f"查询参数 {name}：应为 YYYY-MM 格式的月份，如 2026-03")
    year, month = int(text[:4]), int(text[5:])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise PageError(400, f"查询参数 {name}：月份应在 2000-01 至 2100-12 之间")
    return year, month


def _minus(month: tuple[int, int], count: int) -> tuple[int, int]:
    index = month[0] * 12 + month[1] - 1 - count
    return index // 12, index % 12 + 1

