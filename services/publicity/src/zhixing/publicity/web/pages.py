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

from zhixing.kernel.errors import NotFound
from zhixing.publicity.application.queries import (
    CaseProgress,
    CaseProgressQueries,
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
<p><a href="/">全部公开案件</a> · <a href="/zhongben">终本案件库</a></p>
<form action="/cases" method="get"><label>案号 <input name="number" size="28"
 placeholder="(2026)川0104执1号"></label> <button>查询</button></form>
{body}
<p class="muted">依法公开的执行信息；自然人身份证号码、姓名已作脱敏处理。</p>
</body></html>"""


class PublicPages:
    """A WSGI application: `/` lists recent cases, `/cases?number=…` shows one case,
    `/zhongben` is the 终本案件库 (R19)."""

    def __init__(self, queries: CaseProgressQueries,
                 zhongben: ZhongbenQueries | None = None) -> None:
        self.queries = queries
        self.zhongben = zhongben

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/")
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if path == "/":
            return self._reply(start_response, "200 OK", "执行案件公开", self._index())
        if path == "/cases":
            return self._case(start_response, unquote(query.get("number", [""])[0]).strip())
        if path == "/zhongben" and self.zhongben is not None:
            return self._reply(start_response, "200 OK", "终本案件库", self._zhongben())
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
