"""Caller identities from JWTs, per-RPC policies with default deny, the hash-chained audit log."""
