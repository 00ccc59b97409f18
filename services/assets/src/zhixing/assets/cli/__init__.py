"""`zhixing asset …` — 网络执行查控 over gRPC: inquiry (inquiry.py), control measures
(control.py), disposal (disposal.py) and the public's leads (leads.py).

Mounted by the `zhixing` command through the `zhixing.cli` entry point `asset`. Each
command names the case by its number (案号) or the court with `--court`, and calls with a
development token (`--role`, `--team`, `--user`) unless ZHIXING_TOKEN holds a real one.
Identity numbers and accounts are printed masked (R60); money in yuan. A client of the
public contract only: contracts and the runtime's CLI kit, never this service's own code.
"""

from __future__ import annotations

import typer

from zhixing.assets.cli import control, disposal, inquiry, leads

app = typer.Typer(no_args_is_help=True,
                  help="网络执行查控 — inquire, control and dispose of property.")
for _commands in (inquiry.COMMANDS, control.COMMANDS, disposal.COMMANDS, leads.COMMANDS):
    for _name, _command in _commands.items():
        app.command(_name)(_command)
