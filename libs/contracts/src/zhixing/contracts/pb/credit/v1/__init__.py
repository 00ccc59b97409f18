"""Generated code for the zhixing.credit.v1 protos — do not edit; run scripts/protos.py."""
