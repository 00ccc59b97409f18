"""`zhixing supervise …` — 执行监督: the figures of the courts' enforcement work (R33),
alerts (R36), procuratorial matters (R34), the interference register (R35) and judicial
suggestions (R37), over gRPC.

Each command calls with a development token for the role it names (`--role`,
`--court`, `--user`), unless ZHIXING_TOKEN holds a real one. `board`, `agencies`
and `case` print the command centre's court board, the agencies' answering (R41) and a
case file. The register's records
(who interfered, what was asked) are printed only by `interference read`, which needs a
`--purpose` (every read is audited, R46). `verify` exits 1 naming the first broken
record's seq. Mounted by the `zhixing` command through the `zhixing.cli` entry point
`supervise` (`zhixing supervision` runs the service's processes); a client of the public
contract only (contracts and the runtime's CLI kit).
"""

from __future__ import annotations

import typer

from zhixing.supervision.cli.board import agencies, board, case
from zhixing.supervision.cli.figures import ack, alert, alerts, close, drill, kpis
from zhixing.supervision.cli.oversight import (
    matter_extend,
    matter_list,
    matter_receive,
    matter_reply,
    matter_show,
    suggest_handled,
    suggest_list,
    suggest_send,
)
from zhixing.supervision.cli.register import (
    interference_read,
    interference_record,
    summary,
    verify,
)
from zhixing.supervision.cli.reports import interference_report, report

COMMANDS = {"kpis": kpis, "drill": drill, "alerts": alerts, "alert": alert, "ack": ack,
            "close": close, "verify": verify, "summary": summary,
            "board": board, "agencies": agencies, "case": case, "report": report,
            "interference-report": interference_report}
GROUPS = {
    "matter": ("检察监督 — procuratorial suggestions and inquiries (R34).",
               {"receive": matter_receive, "extend": matter_extend, "reply": matter_reply,
                "show": matter_show, "list": matter_list}),
    "interference": ("干预过问记录 — the interference register (R35).",
                     {"record": interference_record, "read": interference_read}),
    "suggest": ("司法建议 — judicial and disciplinary suggestions (R37).",
                {"send": suggest_send, "handled": suggest_handled, "list": suggest_list}),
}

app = typer.Typer(no_args_is_help=True,
                  help="执行监督 — figures, alerts, procuratorial matters, interference "
                       "register, judicial suggestions.")
for _name, _command in COMMANDS.items():
    app.command(_name)(_command)
for _group, (_help, _commands) in GROUPS.items():
    _sub = typer.Typer(no_args_is_help=True, help=_help)
    for _name, _command in _commands.items():
        _sub.command(_name)(_command)
    app.add_typer(_sub, name=_group)
