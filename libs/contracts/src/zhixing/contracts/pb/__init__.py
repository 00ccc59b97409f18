"""Generated code for the zhixing protos — do not edit; run scripts/protos.py."""
