"""Demo data of the assets service: nothing of its own yet — its inquiries start from
the demo cases' `CaseFiled` events, answered by `zhixing agency-sim`."""

from __future__ import annotations

from zhixing.assets.application import AssetsApplication


def load(app: AssetsApplication) -> int:
    return 0
