"""Is a PostgreSQL or NATS server answering at an address?

Each probe speaks just enough of the protocol to tell the real server from any
other program on the port, without credentials: PostgreSQL answers an
``SSLRequest`` with one byte, NATS greets every client with ``INFO``.
"""

from __future__ import annotations

import socket
import struct
from urllib.parse import urlsplit

# Magic request code of the PostgreSQL SSLRequest message (protocol 3, section 55.2.10).
_SSL_REQUEST = struct.pack("!ii", 8, 80877103)


def host_and_port(url: str, *, default_port: int) -> tuple[str, int]:
    """Host and port of a URL such as ``postgresql+asyncpg://user@host:5432/db``."""
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or default_port


def postgres_answers(host: str, port: int, *, timeout: float = 1.0) -> bool:
    """True when a PostgreSQL server accepts connections at ``host:port``."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(_SSL_REQUEST)
            reply = sock.recv(1)
    except OSError:
        return False
    # "S" or "N": willing or not to talk TLS, either way a PostgreSQL server.
    return reply in (b"S", b"N")


def nats_answers(host: str, port: int, *, timeout: float = 1.0) -> bool:
    """True when a NATS server accepts connections at ``host:port``."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            greeting = sock.recv(5, socket.MSG_WAITALL)
    except OSError:
        return False
    return greeting == b"INFO "


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port
