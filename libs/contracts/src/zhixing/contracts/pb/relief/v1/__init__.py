"""Generated code for the zhixing.relief.v1 protos — do not edit; run scripts/protos.py."""
