"""网络执行查控 — the assets service."""
