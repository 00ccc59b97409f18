"""Typed consumers (STYLE 16): a handler declares the contract models it reads and gets
them parsed; what it did not declare is skipped in one place; bad data still fails."""

from __future__ import annotations

import pytest

from zhixing.messaging.typed import Context, TypedHandler, UnreadableEvent, on

from ..bells import Belfry, Cracked, Muted, Rang, envelope


class TestDispatch:
    def test_the_method_gets_the_parsed_model_when_its_type_arrives(self):
        belfry = Belfry()
        belfry.handle(envelope(Rang.event_type, {"bell": "great", "times": 3}), cursor=None)
        assert belfry.heard == [("rang", Rang(bell="great", times=3))]

    def test_one_method_reacts_to_each_of_its_models_when_it_declares_several(self):
        belfry = Belfry()
        belfry.handle(envelope(Muted.event_type, {"bell": "a"}), cursor=None)
        belfry.handle(envelope(Cracked.event_type, {"bell": "b"}), cursor=None)
        assert belfry.heard == [("silenced", Muted(bell="a")), ("silenced", Cracked(bell="b"))]

    def test_an_event_is_skipped_when_its_type_is_not_declared(self):
        belfry = Belfry()
        belfry.handle(envelope("test.typed.Polished", {"bell": "a"}), cursor=None)
        belfry.handle(envelope("cn.zhixing.cases.v1.CaseFiled", {}), cursor=None)
        assert belfry.heard == []

    def test_unreadable_naming_the_field_when_a_declared_event_lacks_it(self):
        with pytest.raises(UnreadableEvent, match=r"Rang \(ce_id e-1\): bell: Field required"):
            Belfry().handle(envelope(Rang.event_type, {"times": 2}), cursor=None)

    def test_the_error_quotes_no_value_when_a_field_is_malformed(self):
        """R60: what does not fit may be an ID number; the error names the field only."""
        with pytest.raises(UnreadableEvent) as unreadable:
            Belfry().handle(envelope(Rang.event_type, {"bell": ["510104198003121236"],
                                                       "times": "51010419800312123X"}),
                            cursor=None)
        assert "bell" in str(unreadable.value) and "times" in str(unreadable.value)
        assert "510104" not in str(unreadable.value)
        assert unreadable.value.__cause__ is None and unreadable.value.__suppress_context__

    def test_the_context_carries_the_cursor_and_the_envelope_when_dispatched(self):
        seen: list[Context] = []

        class Keeper(TypedHandler):
            @on(Rang)
            def rang(self, event: Rang, ctx: Context) -> None:
                seen.append(ctx)

        cursor = object()
        Keeper().handle(envelope(Rang.event_type, {"bell": "a"}, source="/elsewhere"), cursor)
        assert seen == [Context(cursor, "e-1", "/elsewhere", "bell-1", "川0104",
                                "2026-03-02T02:00:00Z", 3)]


class TestDeclaration:
    def test_a_class_is_refused_when_two_methods_declare_one_model(self):
        with pytest.raises(TypeError, match="Rang is declared by both"):
            class Twice(TypedHandler):
                @on(Rang)
                def first(self, event: Rang, ctx: Context) -> None: ...

                @on(Rang)
                def second(self, event: Rang, ctx: Context) -> None: ...

    def test_on_is_refused_when_given_something_other_than_a_model(self):
        with pytest.raises(TypeError, match="not an integration-event model"):
            on(dict)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="at least one"):
            on()

    def test_a_subclass_keeps_its_bases_routes_when_it_adds_its_own(self):
        class Tower(Belfry):
            @on(Cracked)
            def silenced(self, event: Cracked, ctx: Context) -> None:  # type: ignore[override]
                self.heard.append(("cracked", event))

        assert set(Tower.routes) == {Rang.event_type, Cracked.event_type}
        assert Tower.reads() == {Rang, Cracked}
