"""Agency requests the simulator's unit and integration tests both use."""

from __future__ import annotations

from datetime import UTC, datetime

from stdnum.cn import ric

from zhixing.contracts.events.assets.v1 import AgencyRequest

SECRET = "agency-sim-test-secret-0123456789abcdef"
NOON = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
INFO_KINDS = ("tax", "social_security", "telecom", "household")


def resident_id(region: str, serial: int, birth: str = "19850312") -> str:
    body = f"{region}{birth}{serial:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum wants a placeholder check digit


def request(serial: int = 1, agency_id: str = "bank.icbc", kind: str = "bank_deposit",
            attempt: int = 1, debtor: str = "") -> AgencyRequest:
    return AgencyRequest(
        request_id=f"inq-{serial}:{agency_id}", agency_id=agency_id, agency_kind=kind,
        action="query", inquiry_id=f"inq-{serial}", case_number="(2026)川0104执1号",
        court_code="川0104", debtor_identity_number=debtor or resident_id("510104", serial % 1000),
        debtor_name="张伟", reply_by="2026-03-09T12:00:00+08:00", attempt=attempt)
