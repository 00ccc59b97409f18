"""The gRPC server bootstrap, the embedded runner and the zhixing CLI."""
