"""`zhixing progress` — the public progress of a case (案件进度, masked by R60) — and
`zhixing desk …`, the court's side of the portal (PublicityDeskService, issue 17):
`desk typical draft|revise|submit|review|withdraw|list` (典型案例: the press role writes,
the president or a judge reviews, never the author, R46) and `desk reward post|withdraw`
(悬赏公告 for a case of the caller's court).

Mounted by the `zhixing` command through the `zhixing.cli` entry points `progress` and
`desk` (`zhixing publicity` runs the service's processes). A client of the public
contracts only (contracts and the runtime's CLI kit); the PublicityService needs no
token, the desk a court user's (a development token for `--role`/`--court`/`--user`,
unless ZHIXING_TOKEN holds a real one).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from zhixing.contracts.pb.publicity.v1 import (
    desk_pb2,
    desk_pb2_grpc,
    publicity_pb2,
    publicity_pb2_grpc,
)
from zhixing.runtime.cli_kit import (
    TARGET,
    Client,
    Court,
    Role,
    Target,
    User,
    court_of,
    fail,
    in_court,
    on_case,
)

Id = Annotated[str, typer.Argument(help="The typical case's id (UUID).")]
Title = Annotated[str, typer.Option(help="标题 (at most 100 characters).")]
Summary = Annotated[str, typer.Option(help="摘要 (at most 500 characters).")]
Body = Annotated[str, typer.Option(help="正文 (at most 20000 characters), or @file.txt.")]
Names = Annotated[list[str], typer.Option(
    "--redact", help="A name the text spells, replaced (张三 → 张某); repeat it.")]
BODY_FILE_MAX = 200_000
"""The most bytes `--body @file` reads (the server's bound is 20000 characters)."""


def progress(case_number: str, target: Target = TARGET) -> None:
    """案件进度 — the public progress of a case (masked by R60)."""
    court_of(case_number)  # its form first: the service's NOT_FOUND repeats what it got
    found = Client(publicity_pb2_grpc.PublicityServiceStub, target).call(
        "GetCaseProgress", publicity_pb2.GetCaseProgressRequest(case_number=case_number),
        timeout=10).progress
    parties = [f"{p.role}: {p.name} {p.identity}" for p in found.parties]
    _print({"case_number": found.case_number, "court": found.court_name,
            "status": found.status_label, "filed_on": found.filed_on, "parties": parties})


def typical_draft(title: Title, body: Body, summary: Summary = "",
                  case_number: Annotated[str, typer.Option(help="案号 it tells of.")] = "",
                  redact: Names | None = None, court: Court = "川0104",
                  target: Target = TARGET, role: Role = "press", user: User = "cli") -> None:
    """起草典型案例 — redacted on the way in: listed names replaced, numbers masked (R60)."""
    _show(_desk(court, target, role, user).call("DraftTypicalCase", desk_pb2.DraftTypicalCaseRequest(
        title=title, summary=summary, body=_text(body), case_number=case_number,
        redact_names=redact or [])).draft)


def typical_revise(typical_case_id: Id, title: Title, body: Body, summary: Summary = "",
                   redact: Names | None = None, court: Court = "川0104",
                   target: Target = TARGET, role: Role = "press", user: User = "cli") -> None:
    """修改典型案例 — new text for a draft or a returned case (redacted again)."""
    _show(_desk(court, target, role, user).call("ReviseTypicalCase", desk_pb2.ReviseTypicalCaseRequest(
        typical_case_id=typical_case_id, title=title, summary=summary, body=_text(body),
        redact_names=redact or [])).draft)


def typical_submit(typical_case_id: Id, court: Court = "川0104", target: Target = TARGET,
                   role: Role = "press", user: User = "cli") -> None:
    """提交审核 — send a draft to review."""
    _show(_desk(court, target, role, user).call("SubmitTypicalCase", desk_pb2.SubmitTypicalCaseRequest(
        typical_case_id=typical_case_id)).draft)


def typical_review(typical_case_id: Id,
                   approve: Annotated[bool, typer.Option(
                       "--approve/--return", help="Publish it, or return it to its author.")],
                   comment: Annotated[str, typer.Option(help="Why (required to return).")] = "",
                   court: Court = "川0104", target: Target = TARGET,
                   role: Role = "president", user: User = "cli") -> None:
    """审核 — approve (publish) or return; the reviewer is never the author (R46)."""
    _show(_desk(court, target, role, user).call("ReviewTypicalCase", desk_pb2.ReviewTypicalCaseRequest(
        typical_case_id=typical_case_id, approve=approve, comment=comment)).draft)


def typical_withdraw(typical_case_id: Id,
                     reason: Annotated[str, typer.Option(help="Why (required).")],
                     court: Court = "川0104", target: Target = TARGET, role: Role = "press",
                     user: User = "cli") -> None:
    """撤回 — take a published typical case off the portal at once (R61)."""
    _show(_desk(court, target, role, user).call("WithdrawTypicalCase", desk_pb2.WithdrawTypicalCaseRequest(
        typical_case_id=typical_case_id, reason=reason)).draft)


def typical_list(status: Annotated[str, typer.Option(
                     help="draft, submitted, returned, published or withdrawn; all if empty.")] = "",
                 court: Court = "川0104", target: Target = TARGET, role: Role = "press",
                 user: User = "cli") -> None:
    """典型案例列表 — the court's typical cases in every state, newest first."""
    drafts = _desk(court, target, role, user).call(
        "ListTypicalCaseDrafts", desk_pb2.ListTypicalCaseDraftsRequest(status=status)).drafts
    for draft in drafts:
        typer.echo(f"{draft.typical_case_id}  {draft.status:<9}  {draft.published_on or '-':<10}"
                   f"  {draft.title}")


def reward_post(case_number: Annotated[str, typer.Argument(help="案号 of the case.")],
                reward: Annotated[str, typer.Option(help="悬赏金额/比例 (at most 200 characters).")],
                text: Annotated[str, typer.Option(help="悬赏内容 (at most 2000), or @file.txt.")],
                valid_until: Annotated[str, typer.Option(
                    help="有效期至 YYYY-MM-DD: after today, within a year.")],
                target: Target = TARGET, role: Role = "officer", user: User = "cli") -> None:
    """发布悬赏公告 — for a case of your court (the court the 案号 names)."""
    notice = on_case(desk_pb2_grpc.PublicityDeskServiceStub, case_number, target, role,
                     user=user).call("PostRewardNotice", desk_pb2.PostRewardNoticeRequest(
                         case_number=case_number, reward=reward, text=_text(text),
                         valid_until=valid_until)).notice
    _print({"notice_id": notice.notice_id, "case_number": notice.case_number,
            "debtor": f"{notice.debtor_name} {notice.debtor_identity}".strip(),
            "reward": notice.reward, "valid_until": notice.valid_until})


def reward_withdraw(notice_id: Annotated[str, typer.Argument(help="The notice's id.")],
                    reason: Annotated[str, typer.Option(help="Why (required).")],
                    court: Court = "川0104", target: Target = TARGET, role: Role = "officer",
                    user: User = "cli") -> None:
    """撤回悬赏公告 — take a reward notice down."""
    done = _desk(court, target, role, user).call(
        "WithdrawRewardNotice", desk_pb2.WithdrawRewardNoticeRequest(
            notice_id=notice_id, reason=reason))
    typer.echo(f"withdrawn {done.notice_id}")


def _desk(court: str, target: str, role: str, user: str) -> Client:
    return in_court(desk_pb2_grpc.PublicityDeskServiceStub, court, target, role, user=user)


def _text(value: str) -> str:
    """Inline text, or `@path` read (bounded); unreadable input is a usage error."""
    if not value.startswith("@"):
        return value
    try:
        with Path(value[1:]).open("rb") as file:
            data = file.read(BODY_FILE_MAX + 1)
    except OSError as error:
        fail(f"body: cannot read {value[1:]}: {error.strerror}", code=2)
    if len(data) > BODY_FILE_MAX:
        fail(f"body: a file of at most {BODY_FILE_MAX} bytes", code=2)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        fail("body: the file is not UTF-8 text", code=2)


def _show(draft: Any) -> None:
    _print({"typical_case_id": draft.typical_case_id, "status": draft.status,
            "court_code": draft.court_code, "title": draft.title, "summary": draft.summary,
            "body": draft.body, "case_number": draft.case_number, "author": draft.author,
            "review_comment": draft.review_comment, "redactions": draft.redactions,
            "published_on": draft.published_on})


def _print(value: dict[str, Any]) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


typical = typer.Typer(no_args_is_help=True, help="典型案例 — typical cases for the portal.")
for _name, _command in {"draft": typical_draft, "revise": typical_revise,
                        "submit": typical_submit, "review": typical_review,
                        "withdraw": typical_withdraw, "list": typical_list}.items():
    typical.command(_name)(_command)
reward = typer.Typer(no_args_is_help=True, help="悬赏公告 — reward notices for your cases.")
reward.command("post")(reward_post)
reward.command("withdraw")(reward_withdraw)
desk = typer.Typer(no_args_is_help=True,
                   help="公开平台 — typical cases and reward notices (PublicityDeskService).")
desk.add_typer(typical, name="typical")
desk.add_typer(reward, name="reward")
