"""Refusals of the supervision domain, each naming its rule (STYLE 1).

Messages name the rule, the field and the bound or the day, never a person's name, what an
interfering official asked, an identity number or a case party (R35, R46): they reach
logs, spans and the caller. Every error keeps the kernel's `(message, *, rule, field)` form.
"""

from __future__ import annotations

from zhixing.kernel.errors import AlreadyExists, InvalidInput, NotFound, PreconditionFailed


class InvalidSupervision(InvalidInput):
    """A supervision request whose content breaks a bound (field and bound named)."""


class RecordInvalid(InvalidSupervision):
    """R35: an interference record outside its field bounds, or a correction naming no
    record of the register."""

    def __init__(self, message: str, *, rule: str = "R35", field: str = "record") -> None:
        super().__init__(message, rule=rule, field=field)


class RecordIdReused(AlreadyExists):
    """R35: a record id already names another record of the register (a re-send with the
    same content is answered with the entry it made, not refused)."""

    def __init__(self, message: str = "this record id already names another record of "
                 "the register", *, rule: str = "R35", field: str = "record_id") -> None:
        super().__init__(message, rule=rule, field=field)


class AlertNotFound(NotFound):
    """R36: no alert with that id (or not visible to the caller)."""

    def __init__(self, message: str = "no such alert", *, rule: str = "R36",
                 field: str = "alert_id") -> None:
        super().__init__(message, rule=rule, field=field)


class MatterNotFound(NotFound):
    """R34: no procuratorial matter with that id."""

    def __init__(self, message: str = "no such procuratorial matter", *, rule: str = "R34",
                 field: str = "matter_id") -> None:
        super().__init__(message, rule=rule, field=field)


class SuggestionNotFound(NotFound):
    """R37: no judicial or disciplinary suggestion with that id."""

    def __init__(self, message: str = "no such suggestion", *, rule: str = "R37",
                 field: str = "suggestion_id") -> None:
        super().__init__(message, rule=rule, field=field)


class WrongStep(PreconditionFailed):
    """A step out of order: acknowledge or close a closed alert (R36), reply to a matter
    twice (R34), record a suggestion's handling twice (R37)."""

    def __init__(self, message: str, *, rule: str = "R36", field: str = "status") -> None:
        super().__init__(message, rule=rule, field=field)


class ExtensionRefused(PreconditionFailed):
    """R34: one more month for a suggestion's reply is approved only when asked for on or
    before the reply's last day, once, and never for an inquiry's 15 days."""

    def __init__(self, message: str, *, rule: str = "R34", field: str = "requested_on") -> None:
        super().__init__(message, rule=rule, field=field)
