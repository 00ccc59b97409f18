"""Read models of the cases service: one per view."""
