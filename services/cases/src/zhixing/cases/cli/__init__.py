"""`zhixing case …` — run a case from 立案 to 结案 over gRPC (CasesService).

Mounted by the `zhixing` command through the `zhixing.cli` entry point `case`. Each
command names the case by its number (案号); the token is a development token for the
court in that number, with the role, team and user given by `--role`, `--team`, `--user`
(or ZHIXING_ROLE, ZHIXING_TEAM, ZHIXING_USER), unless ZHIXING_TOKEN holds a real one.
Money is read and printed in yuan. A client of the public contract only: it imports the
contracts and the runtime's CLI kit, never this service's application or domain.
"""

from __future__ import annotations

import typer

from zhixing.cases.cli import acts, filing, reads

app = typer.Typer(no_args_is_help=True, help="执行案件 — file, run and read cases.")
app.command("file")(filing.file_case)
app.command("get")(filing.get_case)
for _commands in (acts.COMMANDS, reads.COMMANDS):
    for _name, _command in _commands.items():
        app.command(_name)(_command)
