"""The relief application: the commands, each one load–act–save unit (DESIGN §2)."""
