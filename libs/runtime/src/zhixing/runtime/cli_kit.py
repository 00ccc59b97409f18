"""The kit every context's commands are built on: `zhixing case …`, `zhixing asset …`, ….

A context's CLI is a client of its public gRPC contract: it imports `zhixing.contracts`,
this kit, typer and grpc — never its own application or domain (import-linter checks it).
The kit gives it the shared options (target, role, court, team, user), one way to call a
service (`Client.call`: one channel, a bearer token, a refusal turned into one line),
one `fail`, yuan↔fen, and masked printing of identities (R60). It imports nothing from
any service; nothing runs at import.

Tokens are development tokens for the caller the options name, unless ZHIXING_TOKEN
holds a real one, signed with the secret the target verifies with (`signing_secret`: a
cluster's own, from ZHIXING_JWT_SECRET_FILE or ZHIXING_JWT_SECRET; the development secret
only where no cluster is configured). The target is ZHIXING_GRPC_TARGET, else
127.0.0.1:ZHIXING_GRPC_PORT, else 127.0.0.1:50051 (`default_target`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import TracebackType
from typing import Annotated, Any, NoReturn, TypeVar

import grpc
import typer

from zhixing.eventstore.settings import DEV_JWT_SECRET, Settings
from zhixing.kernel.case_number import CaseNumber
from zhixing.kernel.clock import china_tz
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import MASK_CHAR, mask_account, mask_id_number
from zhixing.kernel.money import MAX_FEN, Money
from zhixing.security.identity import Identity
from zhixing.security.tokens import bearer_metadata, issue_token

T = TypeVar("T")

TARGET = "127.0.0.1:50051"
"""Where the suite listens by default (`zhixing run`)."""
SECRET_FILE_VARIABLE = "ZHIXING_JWT_SECRET_FILE"
"""A file holding the secret tokens are signed with (the CLI's only; the API processes
read ZHIXING_JWT_SECRET)."""
CLUSTER_SECRET_FILE = Path("var", "cluster", "jwt.secret")
"""Where `make cluster` (scripts/cluster.sh) keeps its cluster's token secret."""
WHERE_THE_SECRET_IS = (
    f"set {SECRET_FILE_VARIABLE} to a file holding the cluster's secret ({CLUSTER_SECRET_FILE} "
    "for `make cluster`) or ZHIXING_JWT_SECRET to the secret itself (Kubernetes: the Secret "
    "zhixing-jwt, key secret)")


def default_target() -> str:
    """ZHIXING_GRPC_TARGET, else the port the suite was started on
    (127.0.0.1:ZHIXING_GRPC_PORT), else 127.0.0.1:50051; read when a command runs."""
    target = os.environ.get("ZHIXING_GRPC_TARGET", "").strip()
    if target:
        return target
    port = os.environ.get("ZHIXING_GRPC_PORT", "").strip()
    if not port:
        return TARGET
    if not (port.isascii() and port.isdigit() and len(port) <= 5 and int(port) <= 65535):
        fail(f"ZHIXING_GRPC_PORT={port[:20]!r}: must be a whole number from 0 to 65535",
             code=2)
    if int(port) == 0:  # the suite took any free port: only its address says which
        fail("ZHIXING_GRPC_PORT='0' names no port to call (the suite took a free one): set "
             "ZHIXING_GRPC_TARGET to the address it printed", code=2)
    return f"127.0.0.1:{int(port)}"


def target_option(ctx: typer.Context, param: typer.CallbackParam, value: str) -> str:
    """`--target` as given, or ZHIXING_GRPC_TARGET; left at its default, the default
    target of the moment (`default_target`, which also honours ZHIXING_GRPC_PORT). The
    callback of every target option (`Target`; agency-sim's)."""
    source = ctx.get_parameter_source(param.name or "target")
    # By name: typer carries its own click, whose ParameterSource is another enum.
    if source is None or source.name == "DEFAULT":
        return default_target()
    return value


Target = Annotated[str, typer.Option(
    help="gRPC address of the suite; default: ZHIXING_GRPC_TARGET, else "
         "127.0.0.1:$ZHIXING_GRPC_PORT, else 127.0.0.1:50051.",
    envvar="ZHIXING_GRPC_TARGET", callback=target_option)]
Role = Annotated[str, typer.Option(help="Your role (dev token).", envvar="ZHIXING_ROLE")]
Team = Annotated[str, typer.Option(help="Your team (dev token).", envvar="ZHIXING_TEAM")]
User = Annotated[str, typer.Option(help="Your user id (dev token).", envvar="ZHIXING_USER")]
Court = Annotated[str, typer.Option(help="Court code, e.g. 川0104.", envvar="ZHIXING_COURT")]
Number = Annotated[str, typer.Argument(help="Case number (案号), e.g. (2026)川0104执1号.")]
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
"""The bounds of a whole-number option sent as int32: `typer.Option(min=…, max=…)` makes
a larger one a usage error, not protobuf's "Value out of range" traceback."""


# -- failing -----------------------------------------------------------------------------

def fail(message: str, code: int = 1, *, command: str = "") -> NoReturn:
    """One line on stderr and a non-zero exit, never a traceback (STYLE 14).

    `code` 2 is a usage error (bad input), 1 a refusal or an unreachable service;
    `command` names a sub-program in the prefix (`zhixing agency-sim: …`)."""
    print(f"zhixing{f' {command}' if command else ''}: {message}", file=sys.stderr)
    raise typer.Exit(code)


def usage(message: str, field: str) -> NoReturn:
    """Bad input on the command line: exit 2, naming the option."""
    fail(str(InvalidInput(message, field=field)), code=2)


def parsed(build: Callable[[], T]) -> T:
    """`build()`, or exit 2 with the field and rule its InvalidInput names."""
    try:
        return build()
    except InvalidInput as error:
        fail(str(error), code=2)


# -- money, dates, identities ------------------------------------------------------------

_MAX_YUAN = Decimal(MAX_FEN) / 100


def fen(yuan: str, field: str) -> int:
    """Yuan as typed (`120000.00`) to integer fen; exit 2 naming `field` if malformed or
    past what a message carries (checked first, without arithmetic that could overflow)."""
    try:
        magnitude = Decimal(yuan.strip()).copy_abs()  # no context: cannot overflow
    except (InvalidOperation, ValueError):
        magnitude = Decimal(0)  # not a number: Money.from_yuan names the problem
    if magnitude.is_finite() and magnitude > _MAX_YUAN:
        usage(f"the amount must be at most {_MAX_YUAN:.2f} yuan", field)
    return parsed(lambda: Money.from_yuan(yuan, field=field).fen)


def positive_fen(amount: str, field: str) -> int:
    """Like `fen`, but zero or less is a usage error naming the option too."""
    value = fen(amount, field)
    if value <= 0:
        usage("the amount must be above zero", field)
    return value


def yuan(amount_fen: int) -> str:
    """Integer fen printed as yuan with two decimals: a bare figure, as "… yuan" lines and
    columns read it (cases, assets)."""
    return f"{Money(amount_fen).yuan:.2f}"


def rmb(amount_fen: int) -> str:
    """Integer fen as a sum of money is written in a court's tables: "¥1,234,567.00" (the
    sign, thousands grouped, two decimals; "-¥24.99" below zero)."""
    sign = "-" if amount_fen < 0 else ""
    return f"{sign}¥{Money(abs(amount_fen)).yuan:,.2f}"


def today() -> date:
    """Today in Beijing (legal dates are China Standard Time, DESIGN §10)."""
    return datetime.now(china_tz()).date()


def now_in_beijing() -> datetime:
    """This second in Beijing, with its offset."""
    return datetime.now(china_tz()).replace(microsecond=0)


def court_of(case_number: str) -> str:
    """The court a case number names (R38, R39); exit 2 if it is no case number."""
    return str(parsed(lambda: CaseNumber.parse(case_number)).court)


def masked_id(identity_number: str) -> str:
    """A resident ID or credit code as it may be printed (R60); a text too short to
    keep 6 + 4 characters without its birth date (a typo, a name) is hidden whole."""
    try:
        return mask_id_number(identity_number)
    except ValueError:
        return MASK_CHAR * len(identity_number)


def masked_account(reference: str) -> str:
    """An account or other reference as it may be printed (R60)."""
    return mask_account(reference)


# -- calling -----------------------------------------------------------------------------

def settings() -> Settings:
    """The suite's settings from the environment (JWT secret, region, topic namespace);
    a number out of bounds is one line naming the variable and its bounds (exit 2)."""
    from zhixing.runtime.ops_settings import InvalidSetting, checked_settings

    try:
        return checked_settings()
    except InvalidSetting as error:
        fail(str(error), code=2)


def signing_secret(suite: Settings, secret_file: Path | None = None) -> str:
    """The secret a development token is signed with: the one the target verifies with.

    The file named (`--secret-file`, else ZHIXING_JWT_SECRET_FILE), else
    ZHIXING_JWT_SECRET — what a cluster's API processes verify with (scripts/cluster.sh
    exports it from var/cluster/jwt.secret, the chart from the Secret zhixing-jwt) —
    else the development secret, which only an embedded suite accepts: where a cluster
    is configured (ZHIXING_PG_DSN) it is refused, naming what to set (R46). The two
    variables naming different secrets are refused too: which one is meant is a guess."""
    variable = os.environ.get(SECRET_FILE_VARIABLE, "").strip()
    named = secret_file or (Path(variable) if variable else None)
    given = suite.jwt_secret if suite.jwt_secret != DEV_JWT_SECRET else ""
    if named is not None:
        secret = _secret_in(named)
        if secret_file is None and given and given != secret:
            fail(f"ZHIXING_JWT_SECRET and {SECRET_FILE_VARIABLE} name different secrets: "
                 "unset one (R46)", code=2)
        return secret
    if given:
        return given
    if suite.uses_postgres:
        fail("no token secret: this is a cluster's environment (ZHIXING_PG_DSN is set), "
             "which verifies tokens with its own secret, never the development one; "
             f"{WHERE_THE_SECRET_IS} (R46)", code=2)
    return DEV_JWT_SECRET


MAX_SECRET_BYTES = 4096
"""A token secret file is read this far at most: anything longer is not a secret file."""


def _secret_in(path: Path) -> str:
    """The secret a file holds as the suite reads it — `ZHIXING_JWT_SECRET="$(cat file)"`
    (scripts/cluster.sh): trailing newlines dropped, nothing else (a CR or a space kept),
    or tokens would be signed with another secret than the one verifying them (R46). Exit
    2 naming it when unreadable, too large (never read whole, never echoed) or empty."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_SECRET_BYTES + 1)
        if len(data) > MAX_SECRET_BYTES:
            fail(f"{SECRET_FILE_VARIABLE}: {path} is too large for a token secret (more "
                 f"than {MAX_SECRET_BYTES} bytes)", code=2)
        secret = data.decode("utf-8").rstrip("\n")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{SECRET_FILE_VARIABLE}: cannot read the token secret from {path}: "
             f"{getattr(error, 'strerror', None) or 'not text'}", code=2)
    if not secret.strip():
        fail(f"{SECRET_FILE_VARIABLE}: {path} is empty; it holds the secret the suite "
             "verifies tokens with", code=2)
    return secret


def dev_token(subject: str, role: str, *, court: str = "", team: str = "", agency: str = "",
              ttl: timedelta | None = None, now: datetime | None = None,
              secret: str = "") -> str:
    """A development token signed with `secret`, else the one the target verifies with
    (`signing_secret`)."""
    identity = parsed(lambda: Identity(subject=subject, role=role, court=court, team=team,
                                       agency=agency))
    return issue_token(identity, secret or signing_secret(settings()),
                       ttl=ttl or timedelta(hours=8), now=now)


def bearer(token: str) -> tuple[tuple[str, str], ...]:
    """The gRPC metadata that carries `token`."""
    return bearer_metadata(token) if token else ()


@dataclass(frozen=True)
class Caller:
    """Who calls: the claims of the development token (or ZHIXING_TOKEN, if set)."""

    court: str = ""
    role: str = "officer"
    team: str = ""
    user: str = "cli"
    agency: str = ""

    def token(self) -> str:
        return os.environ.get("ZHIXING_TOKEN") or dev_token(
            self.user, self.role, court=self.court, team=self.team, agency=self.agency)


class Connection:
    """One channel to the suite and the metadata every call on it carries. Calls raise
    grpc.RpcError: for programs and tests; commands use `Client`."""

    def __init__(self, target: str | None = None, token: str = "") -> None:
        self.channel = grpc.insecure_channel(target or default_target())
        self.metadata = bearer(token)

    def stub(self, stub_class: Callable[[grpc.Channel], T]) -> T:
        return stub_class(self.channel)

    def close(self) -> None:
        self.channel.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


@dataclass(frozen=True)
class Client:
    """A command's view of one gRPC service: where, as whom, which stub."""

    stub: Callable[[grpc.Channel], Any]
    target: str
    caller: Caller | None = None  # None: a public service, no token

    def call(self, method: str, request: Any, timeout: float = 15) -> Any:
        """`method(request)` with the caller's token; a refusal or an unreachable
        service is one line `CODE: details` and exit 1."""
        with Connection(self.target, self.caller.token() if self.caller else "") as connection:
            try:
                return getattr(connection.stub(self.stub), method)(
                    request, metadata=connection.metadata, timeout=timeout)
            except grpc.RpcError as error:
                fail(refusal_line(error.code(), error.details() or ""))

    def stream(self, method: str, requests: Iterable[Any], timeout: float = 300) -> list[Any]:
        """A streaming `method`'s answers to `requests`, all of them; a refusal as `call`."""
        with Connection(self.target, self.caller.token() if self.caller else "") as connection:
            try:
                return list(getattr(connection.stub(self.stub), method)(
                    iter(requests), metadata=connection.metadata, timeout=timeout))
            except grpc.RpcError as error:
                fail(refusal_line(error.code(), error.details() or ""))


def refusal_line(code: grpc.StatusCode, details: str) -> str:
    """`CODE: details`; a token the suite cannot verify also says where its secret is —
    the classic mix-up of a development token sent to a cluster (issue 18)."""
    line = f"{code.name}: {details}"
    if code is grpc.StatusCode.UNAUTHENTICATED and "does not verify" in details:
        line += f" — the suite verifies with its own secret: {WHERE_THE_SECRET_IS}"
    return line


def on_case(stub: Callable[[grpc.Channel], Any], number: str, target: str, role: str,
            team: str = "", user: str = "cli") -> Client:
    """A client calling as a member of the court the case number names (R38, R39)."""
    return Client(stub, target, Caller(court_of(number), role, team, user))


def in_court(stub: Callable[[grpc.Channel], Any], court: str, target: str, role: str,
             team: str = "", user: str = "cli") -> Client:
    """A client calling as a member of `court`."""
    return Client(stub, target, Caller(court, role, team, user))
