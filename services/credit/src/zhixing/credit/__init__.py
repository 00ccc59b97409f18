"""失信、限消、联合惩戒 — the credit service (issue 5: domain first; the service is wired later)."""
