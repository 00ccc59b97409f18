"""The relief gRPC servicers and their policies."""
