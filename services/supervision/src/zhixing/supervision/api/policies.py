"""Who may call each RPC of the supervision service, over what (R33–R37, R46, DESIGN §8).

One table, one policy per RPC, default deny. Every policy is COURT-scoped: the servicer
names the court (or the region) a call is about, and a caller of court C is of every
court whose code starts with C (R39: 川 ⊃ 川01 ⊃ 川0104; `base.ServicerBase._authorize`).
What the roles may do beyond that (R46):

- the court's staff (officer, judge, president, the supervisor of the command centre)
  read the figures, the cases behind them, the alerts and matters of their scope;
- congress deputies read aggregates only (GetKpis, ListAgencyAnswers); a drill-down, a
  case file and a court's board (it names cases) are refused them;
- a procurator reads the figures, the agencies' answering and matters, and behind a
  figure — or as a case file — only the cases its procuratorate's matters name (the
  servicer filters); a court's board is the court's staff's;
- everyone records interference (R35: every instance is recorded); only the president
  and discipline (纪检监察) read the register, verify it and get its summary, the read
  with a purpose, audited;
- the steps of a matter and of a suggestion are the president's and the command
  centre's; extending a reply is the president's approval (R34), sending a suggestion
  the president's decision (R37).
"""

from __future__ import annotations

from zhixing.security.policy import Policy, PolicyBook

SERVICE = "zhixing.supervision.v1.SupervisionService"

STAFF = ("officer", "judge", "president", "supervisor")
"""The court's staff: they see their scope's cases, alerts, matters and suggestions."""
LEADERS = ("president", "supervisor")
"""Who closes alerts by hand and takes the steps of matters and suggestions."""
REGISTER_READERS = ("president", "discipline")
"""Who reads the interference register (R35)."""

POLICIES = PolicyBook.for_service(SERVICE, {
    "GetKpis": Policy.for_roles(*STAFF, "procurator", "congress"),
    "DrillDown": Policy.for_roles(*STAFF, "procurator"),
    "ListAlerts": Policy.for_roles(*STAFF),
    "GetAlert": Policy.for_roles(*STAFF),
    "AcknowledgeAlert": Policy.for_roles(*STAFF),
    "CloseAlert": Policy.for_roles(*LEADERS),
    "ReceiveMatter": Policy.for_roles(*LEADERS),
    "ExtendReply": Policy.for_roles("president"),
    "RecordReply": Policy.for_roles(*LEADERS),
    "GetMatter": Policy.for_roles(*STAFF, "procurator"),
    "ListMatters": Policy.for_roles(*STAFF, "procurator"),
    "RecordInterference": Policy.for_roles(*STAFF),
    "ReadInterference": Policy.for_roles(*REGISTER_READERS),
    "VerifyRegister": Policy.for_roles(*REGISTER_READERS),
    "GetQuarterSummary": Policy.for_roles(*REGISTER_READERS),
    "SendSuggestion": Policy.for_roles("president"),
    "RecordHandling": Policy.for_roles(*LEADERS),
    "ListSuggestions": Policy.for_roles(*STAFF),
    # The command centre (issue 16).
    "GetCourtBoard": Policy.for_roles(*STAFF),
    "ListAgencyAnswers": Policy.for_roles(*STAFF, "procurator", "congress"),
    "GetCaseFile": Policy.for_roles(*STAFF, "procurator"),
})
"""Every RPC the supervision service serves."""
