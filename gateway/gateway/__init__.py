"""The Pioneer Grid gateway: one GraphQL endpoint over every federated subgraph."""
