"""The public contracts of Zhixing: generated gRPC code (`pb`), integration-event
models (`events`), topic names (`topics`) and the CloudEvents envelope (`envelope`).

A v1 contract only gains optional fields; anything else is a v2 topic (DESIGN §4).
"""
