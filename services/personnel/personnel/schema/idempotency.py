"""``clientMutationId``: the idempotency key every creating mutation takes.

A client that retries after a dropped connection sends the same key and gets
the first answer instead of a second record (see ``gridkit.idempotency``).
"""

from __future__ import annotations

from typing import Annotated

import strawberry

CLIENT_MUTATION_ID = (
    "A key of the client's choosing: a retry with the same key answers with the first result "
    "instead of creating again. Reusing it for different input is refused with "
    "IDEMPOTENCY_KEY_REUSED. Also accepted as the Idempotency-Key header."
)
"""The description of every ``clientMutationId`` field and argument."""

ClientMutationId = Annotated[str | None, strawberry.argument(description=CLIENT_MUTATION_ID)]
"""The ``clientMutationId`` argument of a creating mutation that takes no input type."""
