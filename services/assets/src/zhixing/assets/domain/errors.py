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


class DisposalNotFound(NotFound):
    """No disposal with that id."""


class AuctionTermsRefused(InvalidInput):
    """An auction round announced on terms R47–R50 forbid (price, deposit, notice,
    bidding time); the message names the rule and the figures."""


class BidRefused(PreconditionFailed):
    """R49: a bid outside the bidding time, or not above the highest bid so far."""


class MeasureNotFound(NotFound):
    """No control measure with that id."""


class TermRefused(ControlRefused):
    """R20: a term or renewal longer than the class maximum, or a renewal after expiry."""


class OverSeizure(ControlRefused):
    """R21: the case would control clearly more than its claim and costs allow."""


class ExemptProperty(ControlRefused):
    """R24: exempt property may not be controlled."""
