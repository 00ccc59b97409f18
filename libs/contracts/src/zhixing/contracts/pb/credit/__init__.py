"""Generated code for the zhixing.credit protos — do not edit; run scripts/protos.py."""
