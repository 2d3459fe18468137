"""Customer returns: a parcel received against the order it was shipped on, its items
checked against what was shipped, and each unit restocked, quarantined or scrapped."""
