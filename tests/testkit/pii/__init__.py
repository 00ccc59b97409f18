"""The personal-data scanner run after every e2e scenario (issue 12, R60, DESIGN §8)."""
