"""执行监督 — the supervision service (R33–R37): KPIs per court and month, alerts, procuratorial
and congress oversight, the interference register and judicial suggestions."""
