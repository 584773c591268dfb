"""One async function per command: load, ask the domain, store, commit; and one per
consumed event (``volunteer_teams``), run by the consumer inside its inbox transaction.

Command handlers also check the caller's role and data scope, the one place where
access rules apply to writes. A creating command commits with the id of what
it created, so a retry with its idempotency key answers with it; each area has
a function that loads that answer again for the retry, checking access anew.
"""
