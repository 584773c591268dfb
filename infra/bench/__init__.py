"""``make bench``: the stack's speed, measured and printed as a table."""
