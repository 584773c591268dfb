"""JetStream provisioning: one stream per service, created or brought up to date.

A service's stream (``ORG`` on ``org.>``) keeps every event: no message, byte
or age limit, so nothing is ever silently dropped, and limits retention, so any
number of consumers read it independently. The duplicate window is what makes
the outbox relay's retries harmless: a message whose ``Nats-Msg-Id`` was seen
within the window is acknowledged without being stored again.
"""

from __future__ import annotations

from typing import Any

from nats.js import JetStreamContext
from nats.js.api import RetentionPolicy, StorageType, StreamConfig, StreamInfo
from nats.js.errors import BadRequestError, NotFoundError

from gridkit.settings import ServiceSettings

# Settings the server cannot change on an existing stream.
_IMMUTABLE = ("storage", "retention")


class StreamConfigError(RuntimeError):
    """The existing stream differs from ours in a way JetStream cannot update."""


def stream_config(settings: ServiceSettings, service: str | None = None) -> StreamConfig:
    """The configuration of ``service``'s stream (default: the settings' own service)."""
    service = service or settings.service_name
    return StreamConfig(
        name=settings.stream_name_for(service),
        description=f"Pioneer Grid events of the {service} service",
        subjects=[settings.subject_for(f"{service}.>")],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        max_msgs=-1,
        max_bytes=-1,
        max_age=0,
        max_msgs_per_subject=-1,
        duplicate_window=float(settings.stream_duplicate_window_seconds),
    )


def config_differences(current: StreamConfig, desired: StreamConfig) -> dict[str, Any]:
    """The fields of ``desired`` that ``current`` does not have yet, with their wanted values."""
    wanted = {
        "subjects": desired.subjects,
        "retention": desired.retention,
        "storage": desired.storage,
        "max_msgs": desired.max_msgs,
        "max_bytes": desired.max_bytes,
        "max_age": desired.max_age,
        "max_msgs_per_subject": desired.max_msgs_per_subject,
        "duplicate_window": desired.duplicate_window,
    }
    return {
        name: value
        for name, value in wanted.items()
        if _normalise(getattr(current, name)) != _normalise(value)
    }


def _normalise(value: Any) -> Any:
    # Servers answer enums as plain strings and durations as floats; the
    # client sends "unset" as None or 0; compare what they mean.
    if isinstance(value, list):
        return sorted(value)
    if isinstance(value, RetentionPolicy | StorageType):
        return value.value
    if value is None:
        return 0
    if isinstance(value, int | float):
        return float(value)
    return value


async def provision_stream(
    js: JetStreamContext,
    settings: ServiceSettings,
    service: str | None = None,
    *,
    update: bool = True,
) -> StreamInfo:
    """Create ``service``'s stream, or bring an existing one up to our configuration.

    Idempotent: safe to call at every start, from every replica at once. With
    ``update=False`` an existing stream is left as it is (consumers use this, so
    they never fight the producer over its stream's settings).
    """
    desired = stream_config(settings, service)
    name = desired.name or ""
    try:
        info = await js.stream_info(name)
    except NotFoundError:
        try:
            return await js.add_stream(desired)
        except BadRequestError:
            # Another replica created it a moment ago, with other settings.
            info = await js.stream_info(name)
    changes = config_differences(info.config, desired)
    if not update or not changes:
        return info
    frozen = sorted(set(changes) & set(_IMMUTABLE))
    if frozen:
        raise StreamConfigError(
            f"stream {name} exists with a different {', '.join(frozen)}; "
            "JetStream cannot change that in place: migrate the stream by hand"
        )
    # Start from the server's config so settings set by ops (replicas, placement) survive.
    return await js.update_stream(info.config.evolve(**changes))
