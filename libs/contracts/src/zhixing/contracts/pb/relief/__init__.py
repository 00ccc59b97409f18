"""Generated code for the zhixing.relief protos — do not edit; run scripts/protos.py."""
