"""Fixtures of the assets service's tests: an application on SQLite with a fixed clock,
a case it has seen filed, and the whole service served over gRPC."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from stdnum.cn import ric, uscc

from zhixing.assets.application import AssetsApplication
from zhixing.assets.application.inquiries import CaseRef, Debtor
from zhixing.assets.bootstrap import build
from zhixing.eventstore.settings import Settings
from zhixing.kernel.clock import FixedClock

DEBTOR_ID = "51010419980312123" + ric.calc_check_digit("51010419980312123" + "0")
COMPANY_CODE = "91510104MA6CQ1W2E" + uscc.calc_check_digit("91510104MA6CQ1W2E")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 2, 2, 0, tzinfo=UTC))  # 10:00 in Beijing


@pytest.fixture
def app(tmp_path, clock):
    application = AssetsApplication(Settings(var_dir=tmp_path), clock=clock)
    yield application
    application.close()


@pytest.fixture
def case() -> CaseRef:
    """A 执 case of 川0104 with two debtors and a claim of 100,000 yuan."""
    return CaseRef("7f1c2a9e-0000-4000-8000-000000000001", "(2026)川0104执100号", "川0104",
                   (Debtor(DEBTOR_ID, "王五"), Debtor(COMPANY_CODE, "成都锦城建设有限公司")),
                   team="执行一组", claim_total_fen=100_000_00)


@pytest.fixture
def service(tmp_path, clock):
    """The whole assets service instance (views migrated), on the fixture clock's time
    (through a clock file, as the processes of the e2e tests are)."""
    clock_file = tmp_path / "clock"
    clock_file.write_text(clock.now().isoformat())
    settings = Settings(var_dir=tmp_path, grpc_port=0, clock_file=str(clock_file))
    instance = build(settings)
    yield settings, instance
    instance.close()

