"""gridkit: what every Pioneer Grid service needs, written once."""
