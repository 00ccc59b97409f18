"""The one image (docker/, issue 13), built by infra/image/build.sh and run with podman and
runc on loopback the way a restricted pod runs it: read-only root file system, every
capability dropped, no new privileges, uid 10001, writable only /tmp and /var/lib/zhixing
(tmpfs, like the chart's emptyDirs), and no shell at all (bash and dash masked), so what
starts proves the image needs none. Each container is removed in its fixture's teardown.
"""

from __future__ import annotations

import base64
import json
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from testkit.processes import free_port, serving
from testkit.waiting import wait_until
from zhixing.runtime.service import ENTRY_POINT_GROUP

# A cold build makes the Debian base with debootstrap first (minutes); a warm one is skipped.
pytestmark = [pytest.mark.image, pytest.mark.timeout(1800)]

REPO = Path(__file__).resolve().parents[2]
PODMAN = ["podman", "--cgroup-manager", "cgroupfs"]  # crun and systemd cgroups fail here
RESTRICTED = ["--runtime", "runc", "--read-only", "--read-only-tmpfs=false",
              "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
              "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]
WRITABLE = ["--tmpfs", "/tmp:rw,size=64m,mode=1777",
            "--tmpfs", "/var/lib/zhixing:rw,size=256m,mode=0750,U"]  # U: owned by the user
NO_SHELL = ["-v", "/dev/null:/usr/bin/bash:ro", "-v", "/dev/null:/usr/bin/dash:ro"]
UID = "10001"
SERVICES = sorted(point.name for point in entry_points(group=ENTRY_POINT_GROUP))
"""Every registered service, by name (nothing of theirs imported to list them)."""
START_SECONDS = 120.0


def podman(*args: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*PODMAN, *args], capture_output=True, text=True, timeout=timeout)
    if check:
        assert done.returncode == 0, f"podman {args[0]} failed: {done.stderr[-2000:]}"
    return done


def build() -> tuple[str, float, str]:
    """infra/image/build.sh: the image's name, the seconds it took, and what it printed."""
    started = time.monotonic()
    built = subprocess.run([str(REPO / "infra/image/build.sh")], capture_output=True,
                           text=True, timeout=1700)
    assert built.returncode == 0, f"build.sh failed: {built.stderr[-3000:]}"
    return built.stdout.strip().splitlines()[-1], time.monotonic() - started, built.stdout


@pytest.fixture(scope="module")
def image() -> str:
    return build()[0]


@pytest.fixture(scope="module")
def env_file(image: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The keys a Secret would hold, made by the image's own commands (no network), in an
    env file rather than on a command line."""
    cipher = podman("run", "--rm", *RESTRICTED, "--network", "none", image, "cipher-key").stdout
    audit = podman("run", "--rm", *RESTRICTED, "--network", "none", image, "audit-key", "new").stdout
    path = tmp_path_factory.mktemp("image") / "keys.env"
    path.write_text(f"ZHIXING_CIPHER_KEY={cipher.strip()}\nZHIXING_AUDIT_KEYS={audit.strip()}\n")
    path.chmod(0o600)
    return path


@dataclass(frozen=True)
class Running:
    name: str
    grpc: str
    probes: str
    web: str
    ready_seconds: float


def probe(url: str, timeout: float = 10) -> tuple[int, str]:
    """A probe's status and body (which names what is wrong); 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return reply.status, reply.read().decode("utf-8", "replace").strip()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace").strip()
    except (urllib.error.URLError, OSError):
        return 0, ""


def _answers(url: str) -> bool:
    return probe(url, timeout=2)[0] == 200


def ok(url: str) -> bool:
    """A probe answers 200 with "ok" first (a relay adds a line); else fail with its text."""
    status, text = probe(url)
    assert status == 200 and text.splitlines()[:1] == ["ok"], f"{url}: {status} {text[:500]}"
    return True


def serves(target: str) -> bool:
    # /readyz answers from just before the gRPC server has started: give it a moment.
    wait_until(lambda: serving(target), timeout=10, what=f"gRPC health SERVING on {target}")
    return True


@contextmanager
def running(image: str, env_file: Path, *command: str) -> Iterator[Running]:
    """`command` in the image on loopback, restricted, until /readyz answers; removed after."""
    ports = {"ZHIXING_GRPC_PORT": free_port(), "ZHIXING_HTTP_PORT": free_port(),
             "ZHIXING_METRICS_PORT": free_port()}
    env = [f"--env={k}={v}" for k, v in {"ZHIXING_GRPC_HOST": "127.0.0.1", **ports}.items()]
    name = f"zhixing-test-{command[0]}-{secrets.token_hex(4)}"
    probes = f"http://127.0.0.1:{ports['ZHIXING_METRICS_PORT']}"
    started = time.monotonic()
    try:
        podman("run", "--detach", "--name", name, *RESTRICTED, *WRITABLE, *NO_SHELL,
               "--network", "host", "--env-file", str(env_file), *env, image, *command)

        def ready() -> bool:
            if _answers(f"{probes}/readyz"):
                return True
            state = podman("inspect", "--format", "{{.State.Running}}", name).stdout.strip()
            assert state == "true", f"{name} exited: {podman('logs', name).stderr[-3000:]}"
            return False

        wait_until(ready, timeout=START_SECONDS, what=f"{name} to answer /readyz", interval=0.1)
        yield Running(name, f"127.0.0.1:{ports['ZHIXING_GRPC_PORT']}", probes,
                      f"http://127.0.0.1:{ports['ZHIXING_HTTP_PORT']}", time.monotonic() - started)
    finally:
        podman("rm", "--force", "--time", "10", name, check=False)


@pytest.fixture(scope="module")
def suite(image: str, env_file: Path) -> Iterator[Running]:
    """The embedded suite (`zhixing run`, as `make run` starts it), demo data included."""
    with running(image, env_file, "run") as suite:
        print(f"\nembedded suite in the image: ready {suite.ready_seconds:.1f} s after podman run")
        yield suite


def in_container(name: str, script: str) -> object:
    """Run a Python `script` in the running container (no shell); its printed JSON."""
    done = podman("exec", name, "/opt/zhixing/bin/python", "-c", script)
    return json.loads(done.stdout)


WRITES = """
import errno, json, os
result = {}
for folder in ["/etc", "/opt/zhixing", "/usr/lib", "/var/tmp", "/", "/tmp", "/var/lib/zhixing"]:
    try:
        with open(os.path.join(folder, "probe.txt"), "w") as out:
            out.write("x")
        result[folder] = "written"
    except OSError as error:
        result[folder] = errno.errorcode[error.errno]
result["data"] = sorted(os.listdir("/var/lib/zhixing"))
print(json.dumps(result))
"""


STALE_BYTECODE = """
import importlib.util, json, pathlib
stale, checked = [], 0
for root in ["/opt/zhixing/lib/python3.11/site-packages", "/usr/lib/python3.11"]:
    for source in pathlib.Path(root).rglob("*.py"):
        checked += 1
        try:
            data = pathlib.Path(importlib.util.cache_from_source(str(source))).read_bytes()
        except (OSError, ValueError):
            stale.append(str(source)); continue
        flags = int.from_bytes(data[4:8], "little")
        if flags & 1:  # hash-based: the source's hash must match
            valid = data[8:16] == importlib.util.source_hash(source.read_bytes())
        else:          # timestamp-based: the source's mtime and size must match
            info = source.stat()
            valid = (int.from_bytes(data[8:12], "little") == int(info.st_mtime) & 0xFFFFFFFF
                     and int.from_bytes(data[12:16], "little") == info.st_size & 0xFFFFFFFF)
        if not valid:
            stale.append(str(source))
print(json.dumps({"checked": checked, "stale": stale[:20], "stale_count": len(stale)}))
"""


DATES_AND_GLYPHS = """
import datetime, json, pathlib, zoneinfo
china = zoneinfo.ZoneInfo("Asia/Shanghai")
fonts = sorted(p.name for p in pathlib.Path("/usr/share/fonts").rglob("NotoSansCJK*"))
offset = datetime.datetime(2026, 1, 1, tzinfo=china).utcoffset().total_seconds()
print(json.dumps({"offset": offset, "fonts": fonts}))
"""

# The interference nil report (R35) made by the suite's own report builder inside the image:
# WeasyPrint must find pango (libpango-1.0-0, libpangoft2-1.0-0) and Noto Sans CJK SC.
CHINESE_PDF = """
import base64, datetime, json
from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.supervision.report import interference_html, pdf
nil = pb.GetQuarterSummaryResponse(court_code="川0104", year=2026, quarter=1, nil=True)
made = pdf(interference_html(nil, datetime.date(2026, 4, 1)))
print(json.dumps({"pdf": base64.b64encode(made).decode("ascii")}))
"""


class TestEmbeddedSuite:
    """`zhixing run` (what `make run` starts) in the image, restricted, on loopback."""

    def test_embedded_suite_is_ready_when_started_read_only_without_a_shell(self, suite: Running) -> None:
        assert ok(f"{suite.probes}/healthz")
        assert ok(f"{suite.probes}/readyz")
        assert serves(suite.grpc)
        with urllib.request.urlopen(f"{suite.web}/zhongben", timeout=5) as page:
            assert "终结本次执行程序案件" in page.read().decode("utf-8")  # R19
        # What started did so with no shell in reach.
        shell = podman("exec", suite.name, "/usr/bin/dash", "-c", "true", check=False)
        assert shell.returncode != 0

    def test_suite_runs_as_uid_10001_without_privileges_when_started(self, suite: Running) -> None:
        pid = podman("inspect", "--format", "{{.State.Pid}}", suite.name).stdout.strip()
        status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
        assert status["Uid"].split() == [UID] * 4
        assert status["Gid"].split() == [UID] * 4
        assert int(status["CapEff"], 16) == 0
        assert status["NoNewPrivs"].strip() == "1"

    def test_root_file_system_refuses_writes_when_outside_the_volumes(self, suite: Running) -> None:
        result = in_container(suite.name, WRITES)
        assert isinstance(result, dict)
        for folder in ["/etc", "/opt/zhixing", "/usr/lib", "/var/tmp", "/"]:
            assert result[folder] == "EROFS", f"{folder}: {result[folder]}"
        assert result["/tmp"] == result["/var/lib/zhixing"] == "written"
        assert {"cases", "assets", "credit", "publicity"} <= set(result["data"])

    def test_no_module_compiles_at_start_when_bytecode_is_built_in(self, suite: Running) -> None:
        # The root file system is read-only and PYTHONDONTWRITEBYTECODE=1: a missing or stale
        # .pyc would be recompiled in memory at every start of every pod.
        result = in_container(suite.name, STALE_BYTECODE)
        assert isinstance(result, dict)
        assert result["checked"] > 1000
        assert result["stale_count"] == 0, result["stale"]

    def test_china_time_and_chinese_glyphs_are_there_when_the_image_runs(self, suite: Running) -> None:
        # Legal dates are Asia/Shanghai dates (DESIGN §10); PDFs are set in Noto CJK.
        result = in_container(suite.name, DATES_AND_GLYPHS)
        assert isinstance(result, dict)
        assert result["offset"] == 8 * 3600
        assert "NotoSansCJK-Regular.ttc" in result["fonts"]

    def test_report_pdf_embeds_a_cjk_font_when_rendered_in_the_image(
            self, suite: Running, tmp_path: Path) -> None:
        # Issue 16: the congress report is a PDF with Chinese text; pango and the fonts are
        # the image's. Read on the host with poppler (scripts/debian-tools.sh installs it).
        result = in_container(suite.name, CHINESE_PDF)
        assert isinstance(result, dict)
        made = tmp_path / "nil.pdf"
        made.write_bytes(base64.b64decode(result["pdf"]))
        fonts = subprocess.run(["pdffonts", str(made)], capture_output=True, text=True,
                               check=True).stdout
        assert "Noto-Sans-CJK-SC" in fonts
        text = subprocess.run(["pdftotext", str(made), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "零报告" in text

    def test_embedded_suite_refuses_in_one_line_when_no_key_is_given(self, image: str) -> None:
        # Its default key file would be created under /etc/zhixing, read-only in the image.
        refused = podman("run", "--rm", *RESTRICTED, *WRITABLE, "--network", "none", image, "run",
                         check=False, timeout=120)
        assert refused.returncode != 0
        assert "Read-only file system" in refused.stderr and "give the key" in refused.stderr
        assert "Traceback" not in refused.stderr and len(refused.stderr.strip().splitlines()) == 1


class TestClusterRoles:
    """`<service> api|relay|worker` as the command, as the chart runs them."""

    @pytest.mark.parametrize("service", SERVICES)
    def test_service_api_serves_and_stops_cleanly_when_run_as_the_command(
            self, image: str, env_file: Path, service: str) -> None:
        # The cluster role `<service> api` (SQLite under /var/lib/zhixing here: no PostgreSQL).
        with running(image, env_file, service, "api") as api:
            assert ok(f"{api.probes}/healthz")
            assert serves(api.grpc)
            stopped = time.monotonic()
            podman("stop", "--time", "20", api.name)
            took = time.monotonic() - stopped
            code = podman("inspect", "--format", "{{.State.ExitCode}}", api.name).stdout.strip()
        assert code == "0", f"{service} api exited {code} on SIGTERM"
        assert took < 20, f"{service} api took {took:.1f} s to stop on SIGTERM"

    def test_every_service_and_role_is_a_command_when_the_image_runs_offline(self, image: str) -> None:
        top = podman("run", "--rm", *RESTRICTED, "--network", "none", image, "--help").stdout
        for service in SERVICES:
            assert f"Run the {service} service's processes" in top
        roles = podman("run", "--rm", *RESTRICTED, "--network", "none", image, "cases", "--help").stdout
        for role in ["api", "relay", "worker"]:
            assert f"│ {role} " in roles


class TestBuild:
    """The Dockerfile, the image it makes, and the build's cache."""

    def test_image_is_configured_for_the_chart_when_inspected(self, image: str) -> None:
        config = json.loads(podman("image", "inspect", image).stdout)[0]["Config"]
        assert config["User"] == f"{UID}:{UID}"
        assert config["Entrypoint"] == ["zhixing"]
        env = dict(item.split("=", 1) for item in config["Env"])
        assert env["ZHIXING_VAR"] == "/var/lib/zhixing"
        assert env["XDG_STATE_HOME"] == "/var/lib/zhixing/state"
        assert env["XDG_CONFIG_HOME"] == "/etc/zhixing"
        assert env["PYTHONDONTWRITEBYTECODE"] == "1"
        assert env["ZHIXING_METRICS_PORT"] == "9464"

    def test_no_file_grants_privileges_or_takes_writes_when_the_image_is_inspected(
            self, image: str) -> None:
        # setuid/setgid: a way to root wherever no-new-privileges is not set; a file anyone
        # or uid 10001 may write (the root file system aside): code or data the suite's user
        # could change under a later process. /proc, /sys and /dev are other file systems;
        # root (no capability) to see into /root and /etc/ssl/private too. /var/lib/zhixing
        # is the suite's own (an emptyDir at run time).
        found = podman("run", "--rm", *RESTRICTED, "--network", "none", "--user", "0",
                       "--entrypoint", "find",
                       image, "/", "-xdev", "-path", "/var/lib/zhixing", "-prune", "-o",
                       "-type", "f", "(", "-perm", "/6000", "-o",
                       "-perm", "-0002", "-o", "-user", UID, ")", "-print").stdout
        assert found.split() == []

    def test_dockerfile_is_clean_when_linted_by_hadolint(self) -> None:
        hadolint = Path(sys.executable).with_name("hadolint")
        linted = subprocess.run([str(hadolint), str(REPO / "docker/Dockerfile")],
                                capture_output=True, text=True, timeout=60)
        assert linted.returncode == 0, linted.stdout + linted.stderr

    def test_second_build_is_skipped_when_the_inputs_are_unchanged(self, image: str) -> None:
        before = podman("image", "inspect", "--format", "{{.Id}}", image).stdout
        again, seconds, printed = build()
        assert again == image
        assert "buildah bud" not in printed
        assert podman("image", "inspect", "--format", "{{.Id}}", image).stdout == before
        assert seconds < 60, f"an unchanged image took {seconds:.0f} s"
