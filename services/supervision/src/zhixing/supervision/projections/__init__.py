"""Supervision read models: KPIs per court and month (R33), alerts, matters, suggestions."""
