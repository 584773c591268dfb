"""The supergraph: which subgraph owns which type and field, and the public API schema."""
