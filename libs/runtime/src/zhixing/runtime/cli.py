"""`zhixing` — run the suite, issue development tokens, and each context's commands.

The operator commands live here (run, cipher-key, events, `<service>
api|relay|worker|rebuild|migrate`, from `token_cli` token, from `audit_cli` `audit verify`
and `audit key …` (DESIGN §8; the older `audit-verify` and `audit-key` stay as hidden
aliases), from `calendar_cli` calendar, from `dlq_cli` dlq); each context contributes its own commands
through the `zhixing.cli` entry-point group (`zhixing case …` is
`zhixing.cases.cli:app`), mounted by `main()`.
Errors are one line on stderr and a non-zero exit, never a traceback (STYLE 14).
"""

from __future__ import annotations

import json
from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated

import typer

from zhixing.eventstore.settings import MissingCipherKey, PublicJwtSecret, Settings, new_cipher_key
from zhixing.runtime import runners
from zhixing.runtime.audit_cli import audit_app, audit_verify
from zhixing.runtime.audit_cli import key_app as audit_key_app
from zhixing.runtime.audit_settings import AuditSetupError
from zhixing.runtime.calendar_cli import calendar_app
from zhixing.runtime.cli_kit import fail as _fail  # the one `fail` of every command
from zhixing.runtime.dlq_cli import dlq_app
from zhixing.runtime.migrate import migrate_command
from zhixing.runtime.ops_settings import InvalidSetting, OpsSettings
from zhixing.runtime.rebuild import rebuild_command
from zhixing.runtime.server import PortUnavailable
from zhixing.runtime.service import discover
from zhixing.runtime.token_cli import token
from zhixing.security.audit_keys import AuditKeyError

COMMANDS_GROUP = "zhixing.cli"
"""Entry points of each context's commands: the name is the command, the value a typer
app (a group: `case = "zhixing.cases.cli:app"`) or a function (one command)."""

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="Zhixing 执行 — enforcement for the people's courts.")
events_app = typer.Typer(no_args_is_help=True,
                         help="Integration events — list the contract types, inject one.")
app.add_typer(events_app, name="events")
app.add_typer(audit_app, name="audit")
# The names before DESIGN §8's `audit verify` / `audit key`: kept, not shown.
app.command("audit-verify", hidden=True)(audit_verify)
app.add_typer(audit_key_app, name="audit-key", hidden=True)
app.add_typer(calendar_app, name="calendar")
app.add_typer(dlq_app, name="dlq")


@app.command()
def run(demo: Annotated[bool, typer.Option(help="Load demo data on first start.")] = True) -> None:
    """Start every service in one process (embedded mode: SQLite under ./var, no broker)."""
    from zhixing.runtime.embedded import run_embedded

    _ops_settings()  # checked before anything is built
    # Embedded means SQLite and no broker, whatever a cluster's variables say.
    settings = _checked_settings(postgres_dsn="", kafka_bootstrap="")
    try:
        run_embedded(settings, demo=demo)
    except (PortUnavailable, PublicJwtSecret, AuditKeyError, AuditSetupError,
            InvalidSetting, MissingCipherKey) as error:
        _fail(str(error))


app.command("token")(token)


@app.command("cipher-key")
def cipher_key(rotate: Annotated[bool, typer.Option(
        help="Add a new key to the embedded key file instead (the old ones stay for "
             "reading); prints the new key's id, never a key. See docs/keys.md.")] = False,
               ) -> None:
    """Print a new AES-256 key for ZHIXING_CIPHER_KEY (data at rest, DESIGN §8)."""
    if not rotate:
        typer.echo(new_cipher_key())
        return
    from zhixing.eventstore.keys import KeyFileError, add_key

    settings = Settings.from_env()
    path = Path(settings.cipher_key_file)
    if settings.cipher_key:  # the file is not used: a key added there would never encrypt
        _fail("ZHIXING_CIPHER_KEY is set and wins over the key file: rotate it as "
              "docs/keys.md says (ZHIXING_CIPHER_OLD_KEYS), or unset it (R60)")
    try:
        settings.key_ring  # noqa: B018 — the suite's own checks first (outside var/, R60)
        added = add_key(path)
    except (KeyFileError, MissingCipherKey) as error:
        _fail(str(error))
    typer.echo(f"key {added} added to {path}; restart the suite to encrypt with it")


@events_app.command("publish")
def events_publish(
    event_type: Annotated[str, typer.Option("--type", help="CloudEvents type, see `zhixing events types`.")],
    data: Annotated[str, typer.Option(help="The event's data as JSON, or @file.json.")],
    subject: Annotated[str, typer.Option(help="Aggregate id: ce_subject and the Kafka key.")] = "",
    court: Annotated[str, typer.Option(help="Court code (ce_court); default: the data's court_code.")] = "",
) -> None:
    """Put one event on its topic: Kafka in cluster mode, else the embedded store under ZHIXING_VAR."""
    from zhixing.runtime.inject import InvalidEvent, PublishFailed, publish_event

    try:
        published = publish_event(_checked_settings(), event_type, _json_argument(data),
                                  subject=subject, court=court)
    except InvalidEvent as error:
        _fail(str(error), code=2)
    except PublishFailed as error:
        _fail(str(error))
    typer.echo(f"published {published}")


@events_app.command("types")
def events_types() -> None:
    """Every integration-event type of the contracts, with the topic it goes to."""
    from zhixing.contracts.events import all_models

    settings = _checked_settings()
    models = all_models()
    width = max((len(m.event_type) for m in models), default=0)
    for model in models:  # a model routed per instance shows its topic template
        typer.echo(f"{model.event_type:<{width}}  {settings.topic(model.topic)}")


def _json_argument(text: str) -> object:
    """`--data`: inline JSON or `@path`; unreadable input is a usage error (exit 2)."""
    try:
        return json.loads(Path(text[1:]).read_text("utf-8") if text.startswith("@") else text)
    except OSError as error:
        _fail(f"data: cannot read {text[1:]}: {error.strerror}", code=2)
    except ValueError as error:
        _fail(f"data: not valid JSON: {error}", code=2)


def _service_command(name: str) -> typer.Typer:
    sub = typer.Typer(no_args_is_help=True, help=f"Run the {name} service's processes.")

    @sub.command()
    def api() -> None:
        """Serve this service's gRPC API."""
        _run_role(name, "api", lambda instance, settings: [])

    @sub.command()
    def relay() -> None:
        """Publish this service's notification log to Kafka."""
        _run_role(name, "relay", runners.relay_loops)

    @sub.command()
    def worker() -> None:
        """Run this service's projections and policies from Kafka."""
        _run_role(name, "worker", runners.worker_loops)

    sub.command("rebuild")(rebuild_command(name))
    sub.command("migrate")(migrate_command(name))
    return sub


def _run_role(name: str, role: str, loops_for) -> None:  # type: ignore[no-untyped-def]
    """One cluster process: a service in one role, until SIGTERM."""
    ops = _ops_settings()  # checked before anything is built
    settings = _process_settings(f"{name}-{role}")
    try:
        instances = runners.build_all(settings, [name])
    except (MissingCipherKey, AuditKeyError, AuditSetupError, InvalidSetting) as error:
        _fail(str(error))
    try:
        runners.run(instances, settings, loops_for(instances[0], settings),
                    serve_grpc=role == "api", on_ready=_announce(name), ops=ops)
    except (PortUnavailable, PublicJwtSecret) as error:
        _fail(str(error))


def _ops_settings() -> OpsSettings:
    """The operations settings, or one line naming the variable that is wrong (exit 2)."""
    try:
        return OpsSettings.from_env()
    except InvalidSetting as error:
        _fail(str(error), code=2)


def _process_settings(process: str) -> Settings:
    """Settings for a cluster process, with its JSON logs and tracing configured."""
    from zhixing.observability.logs import configure_logging
    from zhixing.observability.tracing import configure_tracing

    configure_logging(f"zhixing-{process}")
    configure_tracing(f"zhixing-{process}")
    return _checked_settings()


def _checked_settings(**overrides: object) -> Settings:
    """The process's settings; a bad port or bound is one line naming the variable and
    its bounds (STYLE 14), not a traceback from deep in a runner."""
    from zhixing.runtime.ops_settings import InvalidSetting, checked_settings

    try:
        return checked_settings(**overrides)
    except InvalidSetting as error:
        _fail(str(error), code=2)


def _announce(name: str):  # type: ignore[no-untyped-def]
    def ready(server, web: str) -> None:  # type: ignore[no-untyped-def]
        where = f" on {server.address}" if server is not None else ""
        pages = f", web pages on {web}" if web else ""
        print(f"zhixing {name} ready{where}{pages}", flush=True)

    return ready


def mount(on: typer.Typer) -> typer.Typer:
    """Add each context's commands (`zhixing.cli` entry points) and each service's
    processes (`zhixing.services`) to `on`; idempotent."""
    present = ({c.name or getattr(c.callback, "__name__", "").replace("_", "-")
                for c in on.registered_commands} | {g.name for g in on.registered_groups})
    for point in sorted(entry_points(group=COMMANDS_GROUP), key=lambda p: p.name):
        if point.name not in present:
            commands = point.load()
            if isinstance(commands, typer.Typer):
                on.add_typer(commands, name=point.name)
            else:
                on.command(point.name)(commands)
    for name in discover():
        if name not in present:
            on.add_typer(_service_command(name), name=name)
    return on


def main() -> None:
    mount(app)()
