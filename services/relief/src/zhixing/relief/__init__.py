"""国家司法救助 · 执行救助 — the relief service (R29–R32): funds, applications, recovery."""
