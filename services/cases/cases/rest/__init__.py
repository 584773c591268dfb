"""The cases service's plain HTTP routes: evidence files, and Open311 GeoReport v2."""
