"""Integration events of the cases context."""
