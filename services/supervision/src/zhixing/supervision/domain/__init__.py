"""The supervision domain: pure rules, no I/O (R33–R37, R62–R64)."""
