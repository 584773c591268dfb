"""Storage of the personnel service: SQLAlchemy mapping and queries."""
