"""Generated code for the zhixing.cases protos — do not edit; run scripts/protos.py."""
