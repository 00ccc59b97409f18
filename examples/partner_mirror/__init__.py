"""A partner's mirror of the dishonest-debtor list (失信被执行人名单) and consumption
restrictions (限制消费), for checking applicants offline (R42). See README.md."""

from examples.partner_mirror.lean import lean_change
from examples.partner_mirror.mirror import ListMirror
from examples.partner_mirror.records import Change, apply, change_from_follow, change_from_record

__all__ = ["Change", "ListMirror", "apply", "change_from_follow", "change_from_record",
           "lean_change"]
