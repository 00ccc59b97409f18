"""Supervision commands: one unit of work each (R34, R35, R36, R37)."""
