"""`zhixing calendar` — the working calendar's operator commands (R64).

`zhixing calendar load 2027.toml` checks a year's holiday schedule (the State Council's
放假安排) and publishes it as `HolidayScheduleLoaded` — to Kafka in cluster mode, to the
embedded store under ZHIXING_VAR otherwise — so that every service keeps it and recounts
the deadlines it had counted provisionally for that year.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from zhixing.eventstore.settings import Settings
from zhixing.kernel.errors import RuleViolation
from zhixing.kernel.holidays import HolidaySchedule, check_year
from zhixing.runtime.cli_kit import fail

calendar_app = typer.Typer(no_args_is_help=True,
                           help="Working calendar (R64) — load a year's holiday schedule.")


@calendar_app.command("load")
def load(
    file: Annotated[Path, typer.Argument(help="The schedule, TOML: year, [holidays] dates, "
                                              "[workdays] dates (see `zhixing calendar --help`).")],
    year: Annotated[int | None, typer.Option(help="The year, when the file neither names "
                                                  "it (`year = 2027`) nor is called 2027.toml.")] = None,
) -> None:
    """Check a year's holiday schedule and publish it; every service recounts its
    provisional deadlines for that year."""
    from zhixing.contracts.events.calendar.v1 import HolidayScheduleLoaded
    from zhixing.runtime.inject import InvalidEvent, PublishFailed, publish_event

    try:
        if year is not None:
            check_year(year)
        schedule = HolidaySchedule.from_file(year, file)
    except RuleViolation as error:
        fail(f"{file.name}: {error}", code=2)
    data = {"year": schedule.year, "holidays": _iso(schedule.holidays),
            "workdays": _iso(schedule.workdays)}
    try:
        published = publish_event(Settings.from_env(), HolidayScheduleLoaded.event_type, data,
                                  subject=str(schedule.year))
    except InvalidEvent as error:
        fail(str(error), code=2)
    except PublishFailed as error:
        fail(str(error))
    typer.echo(f"loaded {schedule.year}: {len(schedule.holidays)} holidays, "
               f"{len(schedule.workdays)} make-up working days; published {published}")


def _iso(days: frozenset[date]) -> list[str]:
    return sorted(d.isoformat() for d in days)
