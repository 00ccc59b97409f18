"""执行案件 — the enforcement case service."""
