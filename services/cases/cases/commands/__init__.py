"""commands of the cases service."""
