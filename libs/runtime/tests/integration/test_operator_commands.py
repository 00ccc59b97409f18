"""The operator commands of `zhixing` (token, audit-verify): bad input is one line on
stderr and exit 2, never a traceback, and never an answer about something that is not."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner, Result

from zhixing.runtime.cli import app, mount
from zhixing.runtime.embedded import DataFolderInUse, data_folder_held

SECRET = "operator-commands-test-secret-0123456789ab"


@pytest.fixture
def zhixing(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ZHIXING_VAR", str(tmp_path / "var"))
    monkeypatch.setenv("ZHIXING_JWT_SECRET", SECRET)
    monkeypatch.delenv("ZHIXING_PG_DSN", raising=False)
    monkeypatch.delenv("ZHIXING_CIPHER_KEY", raising=False)

    def run(*args: str) -> Result:
        return CliRunner().invoke(mount(app), list(args))

    return run


class TestAuditVerify:
    def test_exit_2_naming_the_services_when_the_service_is_unknown(self, zhixing, tmp_path):
        # A typo answered "audit log of casse: 0 entries, chain intact", creating
        # var/casse/views.db; '../../x' created a database wherever it pointed.
        checked = zhixing("audit-verify", "--service", "casse")
        assert checked.exit_code == 2 and len(checked.stderr.splitlines()) == 1
        assert "service" in checked.stderr and "cases" in checked.stderr
        assert not (tmp_path / "var" / "casse").exists()

    def test_exit_2_when_the_service_names_a_path(self, zhixing, tmp_path):
        checked = zhixing("audit-verify", "--service", "../outside")
        assert checked.exit_code == 2 and not (tmp_path / "outside").exists()

    def test_a_known_services_log_is_checked_when_named(self, zhixing):
        checked = zhixing("audit-verify", "--service", "cases")
        assert checked.exit_code == 0 and "audit log of cases: 0 entries" in checked.stdout


class TestToken:
    def test_exit_2_naming_the_role_when_it_is_unknown(self, zhixing):
        issued = zhixing("token", "--role", "nosuch")
        assert issued.exit_code == 2 and issued.stderr.startswith("zhixing: R46 [role]")
        assert len(issued.stderr.splitlines()) == 1

    @pytest.mark.parametrize("hours", ["0", "-1", "99999999999"])
    def test_exit_2_naming_hours_when_out_of_bounds(self, zhixing, hours):
        issued = zhixing("token", "--hours", hours)
        assert issued.exit_code == 2 and "hours" in issued.output


class TestOpsSettings:
    @pytest.mark.parametrize("command", [["run"], ["cases", "api"], ["cases", "worker"]])
    def test_one_line_naming_the_variable_when_the_metrics_port_is_not_a_port(
            self, zhixing, monkeypatch, command):
        # Checked before anything is built or served: it was an InvalidSetting traceback.
        monkeypatch.setenv("ZHIXING_METRICS_PORT", "99999")
        started = zhixing(*command)
        assert started.exit_code == 2 and len(started.stderr.splitlines()) == 1
        assert started.stderr.startswith("zhixing: ZHIXING_METRICS_PORT='99999': must be")


class TestCipherKeyRotation:
    """docs/keys.md: `zhixing cipher-key --rotate` adds a key to the embedded key file."""

    def test_a_key_is_added_and_only_its_id_printed_when_rotating(
            self, zhixing, tmp_path, monkeypatch):
        from zhixing.eventstore.keys import key_id, load_ring

        path = tmp_path / "config" / "cipher.key"
        monkeypatch.setenv("ZHIXING_CIPHER_KEY_FILE", str(path))
        first = load_ring(path)
        rotated = zhixing("cipher-key", "--rotate")
        ring = load_ring(path)
        assert rotated.exit_code == 0 and ring.keys[:-1] == first.keys
        assert key_id(ring.current) in rotated.stdout
        assert path.read_text().split()[-1] not in rotated.stdout  # never a key

    def test_one_line_and_exit_1_when_the_key_file_is_readable_by_others(
            self, zhixing, tmp_path, monkeypatch):
        path = tmp_path / "cipher.key"
        path.write_text("x\n")
        path.chmod(0o644)
        monkeypatch.setenv("ZHIXING_CIPHER_KEY_FILE", str(path))
        refused = zhixing("cipher-key", "--rotate")
        assert refused.exit_code == 1 and len(refused.stderr.splitlines()) == 1
        assert "chmod 600" in refused.stderr

    def test_refused_naming_the_variable_when_zhixing_cipher_key_wins_over_the_file(
            self, zhixing, tmp_path, monkeypatch):
        """With ZHIXING_CIPHER_KEY set the key file is not used (docs/keys.md): a key added
        to it would never encrypt anything, whatever the command said."""
        from zhixing.eventstore.keys import load_ring, new_key

        path = tmp_path / "config" / "cipher.key"
        monkeypatch.setenv("ZHIXING_CIPHER_KEY_FILE", str(path))
        monkeypatch.setenv("ZHIXING_CIPHER_KEY", new_key())
        before = load_ring(path)
        refused = zhixing("cipher-key", "--rotate")
        assert refused.exit_code == 1 and len(refused.stderr.splitlines()) == 1
        assert "ZHIXING_CIPHER_KEY" in refused.stderr
        assert load_ring(path) == before

    def test_refused_citing_r60_when_the_key_file_is_inside_the_data_folder(
            self, zhixing, tmp_path, monkeypatch):
        path = tmp_path / "var" / "cipher.key"
        monkeypatch.setenv("ZHIXING_CIPHER_KEY_FILE", str(path))
        monkeypatch.delenv("ZHIXING_CIPHER_KEY", raising=False)
        refused = zhixing("cipher-key", "--rotate")
        assert refused.exit_code == 1 and "R60" in refused.stderr
        assert not path.exists()  # no key made inside var/


class TestRunOnAFolderInUse:
    def test_refused_in_one_line_naming_the_folder_when_another_suite_holds_it(
            self, zhixing, tmp_path):
        # Two suites on one var/ would run every policy twice and race each other's
        # SQLite writers (issue 12 item 1): the second refuses before building anything.
        with data_folder_held(tmp_path / "var"):
            refused = zhixing("run", "--no-demo")
        assert refused.exit_code == 1 and len(refused.stderr.splitlines()) == 1
        assert "another `zhixing run`" in refused.stderr and "ZHIXING_VAR" in refused.stderr
        assert not (tmp_path / "var" / "cases").exists()

    def test_the_folder_is_free_again_when_its_suite_has_stopped(self, tmp_path):
        with (data_folder_held(tmp_path), pytest.raises(DataFolderInUse),
              data_folder_held(tmp_path)):
            pass
        with data_folder_held(tmp_path):  # released: no stale lock after a stop
            pass
