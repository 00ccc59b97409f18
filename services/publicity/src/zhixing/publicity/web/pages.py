"""The public case-progress pages (WSGI, standard library only).

Everything shown comes from the publicity read model, which only ever holds masked
values (R60), so no page can show a full ID number. Text is escaped; the page has no
scripts and reads nothing but the read model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape
from typing import Any
from urllib.parse import parse_qs, quote, unquote

from zhixing.kernel.errors import InvalidInput, NotFound
from zhixing.publicity.application.queries import (
    REMOVAL_REASONS,
    CaseProgress,
    CaseProgressQueries,
    CourtStatistics,
    DishonestEntry,
    DishonestQueries,
    ZhongbenQueries,
)

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
ROLE_LABELS = {"applicant": "申请执行人", "respondent": "被执行人"}

_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} — 执行信息公开</title>
<style>
body{{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:60rem;
padding:0 1rem;color:#222}}
h1{{font-size:1.4rem}} table{{border-collapse:collapse;width:100%}}
th,td{{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}} .muted{{color:#666}}
</style></head><body>
<h1>{title}</h1>
<p><a href="/">全部公开案件</a> · <a href="/zhongben">终本案件库</a> ·
<a href="/dishonest">失信被执行人名单</a> · <a href="/dishonest/stats">失信统计</a></p>
<form action="/cases" method="get"><label>案号 <input name="number" size="28"
 placeholder="(2026)川0104执1号"></label> <button>查询</button></form>
{body}
<p class="muted">依法公开的执行信息；自然人身份证号码、姓名已作脱敏处理。</p>
</body></html>"""


class PublicPages:
    """A WSGI application: `/` lists recent cases, `/cases?number=…` shows one case,
    `/zhongben` is the 终本案件库 (R19), `/dishonest?court=…&name=…` the 失信被执行人名单
    (R6) and `/dishonest/stats` its figures per court."""

    def __init__(self, queries: CaseProgressQueries,
                 zhongben: ZhongbenQueries | None = None,
                 dishonest: DishonestQueries | None = None) -> None:
        self.queries = queries
        self.zhongben = zhongben
        self.dishonest = dishonest

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if path == "/":
            return self._reply(start_response, "200 OK", "执行案件公开", self._index())
        if path == "/cases":
            return self._case(start_response, unquote(query.get("number", [""])[0]).strip())
        if path == "/zhongben" and self.zhongben is not None:
            return self._reply(start_response, "200 OK", "终本案件库", self._zhongben())
        if path == "/dishonest" and self.dishonest is not None:
            court, name = (unquote(query.get(k, [""])[0]).strip() for k in ("court", "name"))
            return self._reply(start_response, "200 OK", "失信被执行人名单",
                               _dishonest_list(self.dishonest.list(court, name)[0], court, name))
        if path == "/dishonest/stats" and self.dishonest is not None:
            return self._reply(start_response, "200 OK", "失信被执行人统计",
                               _dishonest_stats(self.dishonest.statistics()))
        return self._reply(start_response, "404 Not Found", "未找到", "<p>页面不存在。</p>")

    def _index(self) -> str:
        page, _ = self.queries.list(page_size=50)
        rows = "".join(
            f"<tr><td><a href=\"/cases?number={escape(quote(p.case_number))}\">"
            f"{escape(p.case_number)}</a></td><td>{escape(p.court_name)}</td>"
            f"<td>{escape(p.status_label)}</td><td>{escape(p.filed_on)}</td></tr>" for p in page)
        return ("<table><tr><th>案号</th><th>法院</th><th>状态</th><th>立案日期</th></tr>"
                f"{rows}</table>")

    def _zhongben(self) -> str:
        assert self.zhongben is not None
        rows = "".join(
            f"<tr><td><a href=\"/cases?number={escape(quote(e.case_number))}\">"
            f"{escape(e.case_number)}</a></td><td>{escape(e.court_name)}</td>"
            f"<td>{escape('、'.join(d['name'] for d in e.debtors))}</td>"
            f"<td>{e.unpaid_fen // 100:,}.{e.unpaid_fen % 100:02d} 元</td>"
            f"<td>{escape(e.concluded_on)}</td></tr>" for e in self.zhongben.list())
        return ("<p>终结本次执行程序的案件；恢复执行或结案后不再列出。</p>"
                "<table><tr><th>案号</th><th>法院</th><th>被执行人</th><th>未履行金额</th>"
                f"<th>终本日期</th></tr>{rows}</table>")

    def _case(self, start_response: StartResponse, number: str) -> Iterable[bytes]:
        try:
            progress = self.queries.get(number)
        except InvalidInput:  # not repeated: it may be an ID number (R60)
            return self._reply(start_response, "400 Bad Request", "案号有误",
                               "<p>请输入完整的案号，例如 (2026)川0104执1号。</p>")
        except NotFound:
            body = f"<p>没有案号为 {escape(number)} 的公开信息。</p>"
            return self._reply(start_response, "404 Not Found", "未找到", body)
        return self._reply(start_response, "200 OK", progress.case_number, _details(progress))

    @staticmethod
    def _reply(start_response: StartResponse, status: str, title: str,
               body: str) -> Iterable[bytes]:
        html = _PAGE.format(title=escape(title), body=body).encode()
        start_response(status, [("Content-Type", "text/html; charset=utf-8"),
                                ("Content-Length", str(len(html))),
                                ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")])
        return [html]


def _details(progress: CaseProgress) -> str:
    parties = "".join(
        f"<tr><td>{ROLE_LABELS.get(p['role'], escape(p['role']))}</td>"
        f"<td>{escape(p['name'])}</td><td>{escape(p['identity'])}</td></tr>"
        for p in progress.parties)
    return (f"<p>{escape(progress.court_name)} · {escape(progress.status_label)} · "
            f"立案日期 {escape(progress.filed_on)}</p>"
            "<table><tr><th>当事人</th><th>名称</th><th>证件号码</th></tr>"
            f"{parties}</table><p><a href=\"/\">← 全部公开案件</a></p>")


def _dishonest_list(entries: list[DishonestEntry], court: str, name: str) -> str:
    """R6 fields only; a person's number was masked before it was stored (R60)."""
    form = ('<form action="/dishonest" method="get"><label>法院代码 <input name="court" '
            f'size="10" value="{escape(_refilled(court))}"></label> <label>被执行人姓名/名称 '
            f'<input name="name" size="20" value="{escape(_refilled(name))}"></label> '
            "<button>查询</button></form>")
    rows = "".join(_dishonest_row(e) for e in entries) or (
        '<tr><td colspan="12" class="muted">没有符合条件的公布信息。</td></tr>')
    return (f"{form}<table><tr><th>被执行人</th><th>性别</th><th>年龄</th>"
            "<th>身份证号码/统一社会信用代码</th><th>法定代表人</th><th>失信行为情形</th>"
            "<th>案号</th><th>执行法院</th><th>立案日期</th><th>履行情况</th>"
            f"<th>决定日期</th><th>发布日期</th></tr>{rows}</table>"
            "<p class=\"muted\">失信被执行人姓名或名称依法公布；自然人身份证号码已脱敏，"
            "不显示出生日期；依法删除的失信信息不再公布。</p>")


REFILL_CHARS = 100
"""The longest search text the form shows again (a long company name fits)."""
_IDENTITY_DIGITS = 8


def _refilled(text: str) -> str:
    """What a search field shows again of the visitor's words: never a personal number
    typed into it (8 digits or more may be a resident ID, a phone or an account, R60),
    nor more than `REFILL_CHARS` characters; else the words themselves."""
    if len(text) > REFILL_CHARS or sum(c.isdigit() for c in text) >= _IDENTITY_DIGITS:
        return ""
    return text


def _dishonest_row(e: DishonestEntry) -> str:
    cells = (e.name, e.sex_label, "" if e.age is None else str(e.age), e.identity,
             e.legal_representative, "；".join(e.conduct), e.case_number, e.court_name,
             e.filed_on, e.case_status_label, e.decided_on, e.published_on)
    return "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"


def _dishonest_stats(figures: list[CourtStatistics]) -> str:
    reasons = sorted(REMOVAL_REASONS)
    head = "".join(f"<th>删除（{'期满' if r == 0 else f'({r})'}）</th>" for r in reasons)
    rows = "".join(
        f"<tr><td>{escape(f.court_name)}（{escape(f.court_code)}）</td><td>{f.listed_now}</td>"
        f"<td>{f.published_total}</td><td>{f.removed_total}</td>"
        + "".join(f"<td>{f.removed_by_reason.get(r, 0)}</td>" for r in reasons)
        + f"<td>{f.restrictions_issued}</td><td>{f.restrictions_lifted}</td></tr>"
        for f in figures)
    legend = "".join(f"<li>{'期满' if r == 0 else f'({r})'}：{escape(REMOVAL_REASONS[r])}</li>"
                     for r in reasons)
    return ("<table><tr><th>法院</th><th>当前在列</th><th>累计公布</th><th>累计删除</th>"
            f"{head}<th>限制消费令发布</th><th>限制消费令解除</th></tr>{rows}</table>"
            f"<p class=\"muted\">删除原因：</p><ul class=\"muted\">{legend}</ul>")
