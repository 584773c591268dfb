"""Running plans against the subgraphs and shaping the answer."""
