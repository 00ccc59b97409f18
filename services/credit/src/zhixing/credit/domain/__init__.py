"""The credit domain: listings (失信), consumption restrictions (限消), removal and correction."""
