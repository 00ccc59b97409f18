"""The relief read models, rebuilt from events (STYLE 7)."""
