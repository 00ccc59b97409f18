"""公开 web pages: the public case-progress pages, masked by R60."""
