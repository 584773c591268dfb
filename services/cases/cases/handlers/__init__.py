"""handlers of the cases service."""
