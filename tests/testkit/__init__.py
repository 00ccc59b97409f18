"""Helpers shared by the tests: cross-service (connected, e2e, perf) and per service."""
