"""From a client operation to a plan of subgraph fetches."""
