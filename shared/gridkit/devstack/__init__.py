"""PostgreSQL and NATS for development and tests: the configured ones, or embedded ones."""

from gridkit.devstack.servers import ensure_nats, ensure_postgres, stop_embedded

__all__ = ["ensure_nats", "ensure_postgres", "stop_embedded"]
