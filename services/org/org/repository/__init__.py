"""Storage of the org service: the mapped tables, and per area its Repository and its Reads."""
