"""Read models of the publicity service, one projection per view."""
