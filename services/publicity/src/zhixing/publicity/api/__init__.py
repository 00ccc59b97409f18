"""gRPC adapters of the publicity service."""
