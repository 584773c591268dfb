"""``make up``: the whole stack in the foreground, on real or embedded PostgreSQL and NATS."""
