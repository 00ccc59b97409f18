"""Publicity integration events (what the public and the parties send the courts)."""
