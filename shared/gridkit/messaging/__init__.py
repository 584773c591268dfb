"""Outbox, inbox, relay, streams and consumers: how events leave and arrive."""
