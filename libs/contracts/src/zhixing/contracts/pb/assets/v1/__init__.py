"""Generated code for the zhixing.assets.v1 protos — do not edit; run scripts/protos.py."""
