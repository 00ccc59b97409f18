"""执行信息公开 — the public portal's pages (issue 17): 综合查询, the public lists, case
progress, figures, typical cases, reward notices, leads and the parties' window (我的案件).

One ASGI application (Starlette + Jinja2), mounted by the runtime at `/`. Every page is a
client of `application.portal.Portal` — the same calls the `PublicityService` RPCs make —
so a page can show nothing the contract does not answer, and nothing here reads a table.
No page needs JavaScript; the strict CSP allows no inline script or style.
"""
