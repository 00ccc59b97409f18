"""The cases domain: pure Python, no I/O."""
