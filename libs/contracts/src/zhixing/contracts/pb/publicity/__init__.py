"""Generated code for the zhixing.publicity protos — do not edit; run scripts/protos.py."""
