"""`zhixing` — run the suite, issue development tokens, file and follow cases.

Errors are one line on stderr and a non-zero exit, never a traceback (STYLE 14).
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Annotated, NoReturn

import grpc
import typer

from zhixing.contracts.pb.cases.v1 import cases_pb2
from zhixing.eventstore.settings import MissingCipherKey, PublicJwtSecret, Settings, new_cipher_key
from zhixing.kernel.money import Money
from zhixing.runtime import runners
from zhixing.runtime.agency_sim_command import register as register_agency_sim
from zhixing.runtime.asset_commands import register as register_asset_commands
from zhixing.runtime.case_commands import register as register_case_commands
from zhixing.runtime.client import ZhixingClient
from zhixing.runtime.credit_commands import register as register_credit_commands
from zhixing.runtime.server import PortUnavailable
from zhixing.runtime.service import discover
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="Zhixing 执行 — enforcement for the people's courts.")
case_app = typer.Typer(no_args_is_help=True, help="执行案件 — file, run and read cases.")
app.add_typer(case_app, name="case")
asset_app = typer.Typer(no_args_is_help=True,
                        help="网络执行查控 — inquire, control and dispose of property.")
app.add_typer(asset_app, name="asset")
credit_app = typer.Typer(no_args_is_help=True,
                         help="失信、限消 — list, restrict, remove; partners check and report.")
app.add_typer(credit_app, name="dishonest")
events_app = typer.Typer(no_args_is_help=True,
                         help="Integration events — list the contract types, inject one.")
app.add_typer(events_app, name="events")

Target = Annotated[str, typer.Option(help="gRPC address of the suite.", envvar="ZHIXING_GRPC_TARGET")]
KIND_BY_NAME = {"person": cases_pb2.PARTY_KIND_NATURAL_PERSON,
                "org": cases_pb2.PARTY_KIND_ORGANISATION,
                "state": cases_pb2.PARTY_KIND_STATE_ORGAN}


@app.command()
def run(demo: Annotated[bool, typer.Option(help="Load demo data on first start.")] = True) -> None:
    """Start every service in one process (embedded mode: SQLite under ./var, no broker)."""
    from zhixing.runtime.embedded import run_embedded

    # Embedded means SQLite and no broker, whatever a cluster's variables say.
    try:
        run_embedded(Settings.from_env(postgres_dsn="", kafka_bootstrap=""), demo=demo)
    except (PortUnavailable, PublicJwtSecret) as error:
        _fail(str(error))


@app.command()
def token(role: str = "officer", court: str = "川0104", team: str = "", agency: str = "",
          subject: str = "dev-user", hours: int = 8) -> None:
    """Issue a development token (embedded mode signs with ZHIXING_JWT_SECRET)."""
    identity = Identity(subject=subject, role=role, court=court, team=team, agency=agency)
    typer.echo(issue_token(identity, Settings.from_env().jwt_secret, ttl=timedelta(hours=hours)))


@case_app.command("file")
def file_case(
    court: Annotated[str, typer.Option(help="Court code, e.g. 川0104.")],
    applicant: Annotated[list[str], typer.Option(help="NAME:ID[:person|org|state]")],
    respondent: Annotated[list[str], typer.Option(help="NAME:ID[:person|org|state]")],
    principal: Annotated[str, typer.Option(help="Principal in yuan, e.g. 120000.00")],
    basis_number: Annotated[str, typer.Option(help="Document number of the enforcement basis.")],
    basis_date: Annotated[str, typer.Option(help="Its effective date, YYYY-MM-DD.")],
    basis_kind: str = "judgment", case_type: str = "执", costs: str = "0",
    target: Target = "127.0.0.1:50051",
) -> None:
    """立案 — file an enforcement case; prints its case number."""
    request = cases_pb2.FileCaseRequest(
        court_code=court, case_type=case_type,
        basis=cases_pb2.EnforcementBasis(kind=basis_kind, document_number=basis_number,
                                         effective_date=basis_date),
        applicants=[_party(text, "applicant") for text in applicant],
        respondents=[_party(text, "respondent") for text in respondent],
        claim=cases_pb2.Claim(principal_fen=_fen(principal, "principal"),
                              costs_fen=_fen(costs, "costs")))
    response = _call(lambda c: c.file_case(request), target, court)
    typer.echo(response.case_number)


@case_app.command("get")
def get_case(case_number: str, court: str = "川0104", target: Target = "127.0.0.1:50051") -> None:
    """Show a case (officers of its court only)."""
    case = _call(lambda c: c.get_case(case_number), target, court)
    typer.echo(f"{case.case_number}  {case.court_code}  {case.status}  filed {case.filed_on}")


register_case_commands(case_app)  # assign … worklist: case_commands.py
register_asset_commands(asset_app)  # inquire, inquiries, picture …: asset_commands.py
register_credit_commands(credit_app)  # decide, remove, restrict, check …: credit_commands.py
register_agency_sim(app)  # agency-sim: agency_sim_command.py


@app.command()
def progress(case_number: str, target: Target = "127.0.0.1:50051") -> None:
    """案件进度 — the public progress of a case (masked by R60)."""
    found = _call(lambda c: c.case_progress(case_number), target, "")
    parties = [f"{p.role}: {p.name} {p.identity}" for p in found.parties]
    typer.echo(json.dumps({"case_number": found.case_number, "court": found.court_name,
                           "status": found.status_label, "filed_on": found.filed_on,
                           "parties": parties}, ensure_ascii=False, indent=2))


@app.command("cipher-key")
def cipher_key() -> None:
    """Print a new AES-256 key for ZHIXING_CIPHER_KEY (data at rest in cluster mode)."""
    typer.echo(new_cipher_key())


@app.command("audit-verify")
def audit_verify(service: str = "cases") -> None:
    """Check a service's hash-chained audit log for tampering (DESIGN §8)."""
    from zhixing.security.audit import AuditLog

    result = AuditLog(Settings.from_env().sql_store(service)).verify()
    if not result.ok:
        _fail(f"audit log of {service} is broken at entry {result.first_bad_seq}")
    typer.echo(f"audit log of {service}: {result.checked} entries, chain intact")


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
        published = publish_event(Settings.from_env(), event_type, _json_argument(data),
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

    settings = Settings.from_env()
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

    return sub


def _run_role(name: str, role: str, loops_for) -> None:  # type: ignore[no-untyped-def]
    """One cluster process: a service in one role, until SIGTERM."""
    settings = _process_settings(f"{name}-{role}")
    try:
        instances = runners.build_all(settings, [name])
    except MissingCipherKey as error:
        _fail(str(error))
    try:
        runners.run(instances, settings, loops_for(instances[0], settings),
                    serve_grpc=role == "api", on_ready=_announce(name))
    except (PortUnavailable, PublicJwtSecret) as error:
        _fail(str(error))


def _process_settings(process: str) -> Settings:
    """Settings for a cluster process, with its JSON logs and tracing configured."""
    from zhixing.observability.logs import configure_logging
    from zhixing.observability.tracing import configure_tracing

    configure_logging(f"zhixing-{process}")
    configure_tracing(f"zhixing-{process}")
    return Settings.from_env()


def _announce(name: str):  # type: ignore[no-untyped-def]
    def ready(server, web: str) -> None:  # type: ignore[no-untyped-def]
        where = f" on {server.address}" if server is not None else ""
        pages = f", web pages on {web}" if web else ""
        print(f"zhixing {name} ready{where}{pages}", flush=True)

    return ready


def _party(text: str, role: str) -> cases_pb2.Party:
    parts = text.split(":")
    if len(parts) not in (2, 3) or parts[-1] not in (*KIND_BY_NAME, parts[1]):
        _fail(f"{role}: expected NAME:ID or NAME:ID:person|org|state")
    kind = KIND_BY_NAME[parts[2]] if len(parts) == 3 else KIND_BY_NAME["person"]
    return cases_pb2.Party(name=parts[0], identity_number=parts[1], kind=kind)


def _fen(yuan: str, field: str) -> int:
    try:
        return Money.from_yuan(yuan).fen
    except Exception as error:
        _fail(f"{field}: {error}")
        raise


def _call(action, target: str, court: str):  # type: ignore[no-untyped-def]
    settings = Settings.from_env()
    identity = Identity(subject="cli", role="officer", court=court)
    client = ZhixingClient(target, issue_token(identity, settings.jwt_secret))
    try:
        return action(client)
    except grpc.RpcError as error:
        _fail(f"{error.code().name}: {error.details()}")
    finally:
        client.close()


def _fail(message: str, code: int = 1) -> NoReturn:
    print(f"zhixing: {message}", file=sys.stderr)
    raise typer.Exit(code)


def main() -> None:
    for name in discover():
        app.add_typer(_service_command(name), name=name)
    app()
