"""One async function per command: load, ask the domain, store, commit.

Handlers also check the caller's role and data scope, the one place where
access rules apply to writes.
"""
