"""Storage of the org service: SQLAlchemy mapping and queries."""
