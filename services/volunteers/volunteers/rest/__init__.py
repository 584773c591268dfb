"""HTTP routes beside GraphQL: service certificates as PDF and their public verification."""
