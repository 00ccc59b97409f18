"""Supervision's integration events (执行监督, R33–R37)."""
