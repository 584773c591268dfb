"""``clientMutationId``: the idempotency key every creating mutation takes, as one field.

A client that retries after a dropped connection sends the same key and gets the
first answer instead of a second record (see :mod:`gridkit.idempotency`). Every
service declares it from here, so its name and documentation never drift.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

CLIENT_MUTATION_ID = (
    "A key of the client's choosing: a retry with the same key answers with the first result "
    "instead of creating again. Reusing it for different input is refused with "
    "IDEMPOTENCY_KEY_REUSED. Also accepted as the Idempotency-Key header."
)
"""The description of every ``clientMutationId`` field and argument."""

ClientMutationId = Annotated[str | None, strawberry.argument(description=CLIENT_MUTATION_ID)]
"""The ``clientMutationId`` argument of a creating mutation that takes no input type."""


def client_mutation_id() -> Any:
    """The optional ``clientMutationId`` field of a creating mutation's input type.

    It stays out of the command: the key guards a command, it is not part of it.
    """
    return strawberry.field(default=None, description=CLIENT_MUTATION_ID)
