"""SupervisionService over gRPC."""
