"""The personnel service: people, party membership, grid teams, cadre records, assault teams."""
