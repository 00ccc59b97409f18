"""Refusals of the assets domain, each naming its rule (STYLE 1)."""

from __future__ import annotations

from zhixing.kernel.errors import InvalidInput, NotFound, PermissionDenied, PreconditionFailed


class InvalidAssetInput(InvalidInput):
    """A request whose content breaks a rule (unknown agency kind, bad amount, …)."""


class InquiryNotFound(NotFound):
    """No inquiry with that id."""


class CaseNotKnown(NotFound):
    """The assets service has not seen this case filed (it learns cases from events)."""


class NotAddressedToAgency(PermissionDenied):
    """R46: an agency answers only the requests addressed to it."""


class ControlRefused(PreconditionFailed):
    """A control measure refused by R20–R25; the message names the rule and figures."""


class DisposalRefused(PreconditionFailed):
    """A disposal step refused by R47–R50; the message names the rule and figures."""
