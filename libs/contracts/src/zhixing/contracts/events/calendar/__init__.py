"""The working calendar's integration events (holiday schedules, R64)."""
