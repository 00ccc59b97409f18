"""Tracing and JSON logs with trace ids; never personal data."""
