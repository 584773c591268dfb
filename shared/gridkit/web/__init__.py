"""The HTTP side of a service: app factory, health, metrics, request ids, serving with uvicorn."""
