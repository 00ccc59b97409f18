"""Generated code for the zhixing.supervision.v1 protos — do not edit; run scripts/protos.py."""
