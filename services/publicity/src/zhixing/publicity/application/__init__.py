"""Queries of the publicity service."""
