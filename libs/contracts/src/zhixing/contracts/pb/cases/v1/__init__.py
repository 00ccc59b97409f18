"""Generated code for the zhixing.cases.v1 protos — do not edit; run scripts/protos.py."""
