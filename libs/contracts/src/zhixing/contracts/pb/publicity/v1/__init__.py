"""Generated code for the zhixing.publicity.v1 protos — do not edit; run scripts/protos.py."""
