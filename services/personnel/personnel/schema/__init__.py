"""The personnel subgraph: GraphQL types, queries and mutations (Apollo Federation v2)."""
