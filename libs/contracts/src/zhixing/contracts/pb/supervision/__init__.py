"""Generated code for the zhixing.supervision protos — do not edit; run scripts/protos.py."""
