"""Generated code for the zhixing.assets protos — do not edit; run scripts/protos.py."""
