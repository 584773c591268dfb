"""Bounded waiting for things that happen in the background."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable


async def eventually(
    condition: Callable[[], bool | Awaitable[bool]],
    *,
    within: float = 10.0,
    interval: float = 0.05,
    what: str = "",
) -> None:
    """Return once ``condition()`` is true; raise ``TimeoutError`` after ``within`` seconds.

    ``condition`` may be a plain or an async function. Use it instead of sleeping
    in tests: it is as fast as the system and can never hang.
    """
    try:
        async with asyncio.timeout(within):
            while True:
                outcome = condition()
                if inspect.isawaitable(outcome):
                    outcome = await outcome
                if outcome:
                    return
                await asyncio.sleep(interval)
    except TimeoutError:
        raise TimeoutError(f"not true within {within}s: {what or condition!r}") from None
