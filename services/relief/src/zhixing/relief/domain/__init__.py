"""The relief domain, pure: funds and their ledger, relief cases and their procedure,
the wage table, the eligibility rules (R29–R32, R38–R40). No I/O."""
