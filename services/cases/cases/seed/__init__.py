"""Seed data of the cases service: the standard case catalogue."""
