"""Event stores for Zhixing services: an eventsourcing Application base configured for
SQLite (embedded) or PostgreSQL (cluster) by `Settings`, and the SQL store for read
models."""
