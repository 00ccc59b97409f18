"""Helpers shared across packages and by the suite's own tests (connected, e2e, browser,
perf). A helper only one package's tests use lives in that package's tests folder."""
