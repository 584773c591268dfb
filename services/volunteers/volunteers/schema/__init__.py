"""The volunteers subgraph: strawberry types, queries, mutations, context."""
