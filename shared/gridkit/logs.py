"""Logs an operator can read: one JSON object per line, the same in every process.

Every line has ``time`` (ISO 8601, UTC), ``level``, ``service``, ``logger`` and
``message``; ``request_id`` and ``operation_name`` when it was written while
serving a request (and the GraphQL operation is known); ``exception`` with the
traceback when there is one; and any ``extra={...}`` fields of the call.
uvicorn's own lines, its access log included, go through the same handler.

:func:`log_config` is that configuration as :func:`logging.config.dictConfig`
and uvicorn's ``log_config`` take it; :func:`configure_logging` applies it
unless the process has set up logging already. ``python -m gridkit.logs org``
prints it as JSON, for ``uvicorn --log-config``.
"""

from __future__ import annotations

import argparse
import json
import logging
import logging.config
from collections.abc import Sequence
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
"""Id of the request being served (``X-Request-Id``); set by the web middleware."""

operation_name: ContextVar[str | None] = ContextVar("operation_name", default=None)
"""Name of the GraphQL operation being run; set by a schema extension."""

HANDLER = "gridkit"
"""Name of the handler :func:`log_config` installs, by which it is recognised later."""

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

# uvicorn's loggers keep no handler of their own: their lines reach the root handler.
_UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi")
# uvicorn adds a coloured copy of some messages; it would only repeat the message.
_SKIPPED_ATTRIBUTES = (*RESERVED_ATTRS, "color_message", "taskName")


class JsonLineFormatter(JsonFormatter):
    """One JSON object per record, in the field order an operator reads it."""

    def __init__(self, *, service: str) -> None:
        super().__init__(
            rename_fields={"exc_info": "exception", "stack_info": "stack"},
            reserved_attrs=_SKIPPED_ATTRIBUTES,
            json_ensure_ascii=False,  # names and messages in Chinese stay readable
        )
        self.service = service

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        """The fixed fields first, then the request's context, then the record's extras."""
        log_data["time"] = _utc_timestamp(record.created)
        log_data["level"] = record.levelname
        log_data["service"] = self.service
        log_data["logger"] = record.name
        log_data["message"] = record.message
        current_request = request_id.get()
        if current_request is not None:
            log_data["request_id"] = current_request
        current_operation = operation_name.get()
        if current_operation is not None:
            log_data["operation_name"] = current_operation
        access = _access_fields(record.args) if record.name == "uvicorn.access" else {}
        log_data.update(access)
        super().add_fields(log_data, record, message_dict)
        if access:  # the message repeats the path: without the secrets too
            log_data["message"] = _access_message(record.args, access["path"])


def log_config(*, service: str, level: str) -> dict[str, Any]:
    """gridkit's logging for one process, as ``dictConfig`` (and uvicorn) take it.

    Lines go to standard output, where containers and the dev launcher collect them.
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        # By its full name: under ``python -m gridkit.logs`` this module is ``__main__``.
        "formatters": {"json": {"()": "gridkit.logs.JsonLineFormatter", "service": service}},
        "handlers": {
            HANDLER: {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            }
        },
        "root": {"level": normalized_level(level), "handlers": [HANDLER]},
        "loggers": {
            **{
                name: {"handlers": [], "propagate": True, "level": "NOTSET"}
                for name in _UVICORN_LOGGERS
            },
            # Alembic names each of its plugins at INFO whenever it is imported: noise.
            "alembic.runtime.plugins": {"level": "WARNING"},
        },
    }


def configure_logging(*, service: str, level: str) -> None:
    """Log as :func:`log_config` says, unless this process has set up logging already.

    Safe to call any number of times. When gridkit's handler is in place already
    (uvicorn was started with :func:`log_config`), only ``level`` is applied, so a
    generic config file still ends at the service's own ``LOG_LEVEL``. When the root
    logger has any other handler (a test runner's, an embedding program's), nothing
    changes: as with :func:`logging.basicConfig`, whoever configured logging first wins.
    """
    root = logging.getLogger()
    if any(handler.name == HANDLER for handler in root.handlers):
        root.setLevel(normalized_level(level))
    elif not root.handlers:
        logging.config.dictConfig(log_config(service=service, level=level))


def normalized_level(level: str) -> str:
    """``level`` as logging names it (``info`` -> ``INFO``); a clear error for a typo."""
    name = level.strip().upper()
    if name not in LEVELS:
        raise ValueError(f"LOG_LEVEL must be one of {', '.join(LEVELS)}, not {level!r}")
    return name


def _utc_timestamp(created: float) -> str:
    moment = datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")
    return moment.replace("+00:00", "Z")


def _access_fields(args: Any) -> dict[str, Any]:
    """uvicorn's access line as fields: it logs (client, method, path, HTTP version, status)."""
    if not isinstance(args, tuple) or len(args) != 5:
        return {}
    client, method, path, _, status = args
    return {"client": client, "method": method, "path": redacted(str(path)), "status": status}


def _access_message(args: Any, path: str) -> str:
    client, method, _, version, status = args
    return f'{client} - "{method} {path} HTTP/{version}" {status}'


SECRET_PARAMETERS = frozenset({"api_key", "apikey", "key", "token", "access_token", "password"})
"""Query parameters whose values never reach a log line (an Open311 client's key is one)."""


def redacted(path: str) -> str:
    """``path`` with the values of :data:`SECRET_PARAMETERS` in its query replaced by ``***``."""
    base, mark, query = path.partition("?")
    if not mark or not any(name in query.lower() for name in SECRET_PARAMETERS):
        return path
    parameters = [
        (name, "***" if name.lower() in SECRET_PARAMETERS else value)
        for name, value in parse_qsl(query, keep_blank_values=True)
    ]
    return f"{base}?{urlencode(parameters, safe='*')}"


def main(argv: Sequence[str] | None = None) -> None:
    """Print :func:`log_config` as JSON, for ``uvicorn --log-config FILE.json``."""
    parser = argparse.ArgumentParser(prog="python -m gridkit.logs", description=main.__doc__)
    parser.add_argument("service", help="the service named in every line, e.g. org")
    parser.add_argument("--level", default="INFO", help="until the app applies its LOG_LEVEL")
    args = parser.parse_args(argv)
    try:
        config = log_config(service=args.service, level=args.level)
    except ValueError as exc:
        parser.error(str(exc))
    print(json.dumps(config, indent=2))


if __name__ == "__main__":
    main()
