"""执行指挥中心 — the command centre: the supervision service's web pages under `/command/`
(issue 16), for signed-in court leaders and supervisors.

The pages are a client of the service's public gRPC contract, called with the signed-in
person's own token: every figure, list and step a page shows or takes is authorised,
scoped (R39, R46) and audited by the same servicer as any other caller's. Nothing here
reads the service's stores or imports its application.
"""
