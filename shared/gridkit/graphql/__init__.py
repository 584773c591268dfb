"""GraphQL helpers every subgraph shares: context, errors, pagination, schema."""
