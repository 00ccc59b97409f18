"""What the relief service does when other contexts publish (STYLE 16)."""
