"""Reactions of the cases service to integration events, its own and other contexts'."""
