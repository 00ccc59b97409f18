"""Value objects every service shares: court codes, case numbers, money, identities, the working calendar, periods and masks."""
