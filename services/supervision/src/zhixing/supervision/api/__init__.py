"""The supervision gRPC servicers and their policies."""
