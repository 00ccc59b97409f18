"""公开 — the publicity service: public read models, masked by R60."""
