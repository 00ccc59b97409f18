"""Tests follow packages (issue 11, DESIGN §12): a package's tests live in its tests/unit
(no I/O) or tests/integration (SQLite, in-process gRPC), where the root conftest.py
marks them; a test file anywhere else in a package would run unmarked, in no layer."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.contract

ROOT = Path(__file__).parents[2]
LAYERS = {"unit", "integration"}


def misplaced() -> list[str]:
    """Test files of libs/, services/ and tools/ packages outside tests/unit and tests/integration."""
    found = []
    for group in ("libs", "services", "tools"):
        for path in sorted((ROOT / group).glob("*/tests/**/test_*.py")):
            inside = path.relative_to(ROOT).parts[3:]  # after <group>/<package>/tests/
            if not (len(inside) > 1 and inside[0] in LAYERS):
                found.append(str(path.relative_to(ROOT)))
    return found


class TestPackageTestLayout:
    def test_every_package_test_is_in_unit_or_integration_when_collected(self):
        assert misplaced() == [], "move these under the package's tests/unit or tests/integration"
