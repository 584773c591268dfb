"""Storage of the volunteers service: tables, repositories of its aggregates, views of others."""
