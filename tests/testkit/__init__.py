"""Helpers shared by the cross-service tests (connected, e2e, perf)."""
