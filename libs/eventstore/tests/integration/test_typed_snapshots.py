"""Snapshots of aggregates holding value objects: `typed_state` restores them from the
snapshot's JSON, after the aggregate's own upcasters (STYLE 4, 15)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

import pytest
from eventsourcing.domain import event

from zhixing.eventstore.application import ServiceApplication
from zhixing.eventstore.domain import Aggregate
from zhixing.eventstore.settings import Settings


class Shade(StrEnum):
    RED = "red"
    BLUE = "blue"


@dataclass(frozen=True)
class Paint:
    shade: Shade
    litres: int


class Wall(Aggregate):
    typed_state = MappingProxyType({"coats": tuple[Paint, ...], "last": Paint | None})

    @event("Built")
    def __init__(self, name: str) -> None:
        self.name = name
        self.coats: tuple[Paint, ...] = ()
        self.last: Paint | None = None

    @event("Painted")
    def paint(self, paint: Paint) -> None:
        self.coats = (*self.coats, paint)
        self.last = paint


class Walls(ServiceApplication):
    name = service_name = "walls"
    snapshotting_intervals = {Wall: 3}  # noqa: RUF012


@pytest.fixture
def app(tmp_path):
    application = Walls(Settings(var_dir=tmp_path))
    yield application
    application.close()


def _snapshotted(app: Walls) -> Wall:
    wall = Wall("north")
    wall.paint(Paint(Shade.RED, 2))
    wall.paint(Paint(Shade.BLUE, 3))
    app.save(wall)
    assert app.snapshots is not None
    [snapshot] = list(app.snapshots.get(wall.id, desc=True, limit=1))
    return snapshot.mutate(None)  # type: ignore[no-any-return]


class TestTypedSnapshots:
    def test_value_objects_come_back_typed_when_restored_from_a_snapshot(self, app):
        restored = _snapshotted(app)
        assert restored.coats == (Paint(Shade.RED, 2), Paint(Shade.BLUE, 3))
        assert isinstance(restored.last, Paint) and restored.last.shade is Shade.BLUE

    def test_attributes_not_named_in_typed_state_are_restored_as_stored_when_restored(
            self, app):
        assert _snapshotted(app).name == "north"

    def test_upcaster_runs_before_the_types_when_the_snapshot_is_of_an_older_version(
            self, app, monkeypatch):
        taken = _snapshotted(app)  # by version 1 of the class
        [snapshot] = list(app.snapshots.get(taken.id, desc=True, limit=1))

        def upcast_v1_v2(state: dict[str, object]) -> None:
            state["last"] = None  # e.g. version 2 keeps only what happens from now on

        monkeypatch.setattr(Wall, "class_version", 2, raising=False)
        monkeypatch.setattr(Wall, "upcast_v1_v2", staticmethod(upcast_v1_v2), raising=False)
        upcast = snapshot.mutate(None)
        assert (upcast.last, upcast.coats[0]) == (None, Paint(Shade.RED, 2))
