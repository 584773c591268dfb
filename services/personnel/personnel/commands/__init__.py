"""What callers ask the personnel service to do: imperative frozen dataclasses, one module per area.

A creating request's idempotency key (``clientMutationId``) is not a field of
its command: the command is what the key's fingerprint covers.
"""
