"""gRPC adapters of the cases service: thin translators (STYLE 5)."""
