"""Clean up the streams a test run created."""

from __future__ import annotations

import contextlib

from nats.js import JetStreamContext
from nats.js.errors import NotFoundError


async def namespace_streams(js: JetStreamContext, namespace: str) -> list[str]:
    """Names of the streams that belong to ``namespace`` (``<NAMESPACE>_<SERVICE>``)."""
    prefix = f"{namespace.upper()}_"
    names: list[str] = []
    offset = 0
    while True:
        page = await js.streams_info(offset)
        names += [info.config.name or "" for info in page]
        if not page:
            break
        offset += len(page)
    return [name for name in names if name.startswith(prefix)]


async def delete_namespace_streams(js: JetStreamContext, namespace: str) -> None:
    """Delete every stream of ``namespace``; never touches other streams."""
    if not namespace:
        raise ValueError("refusing to delete streams without a namespace")
    for name in await namespace_streams(js, namespace):
        with contextlib.suppress(NotFoundError):  # deleted meanwhile
            await js.delete_stream(name)
