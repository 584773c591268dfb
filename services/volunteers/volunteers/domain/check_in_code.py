"""One-time check-in codes (签到码): what a volunteer shows to check in or out by themselves.

The domain draws the code and hands it out once; only its SHA-256, bound to the
sign-up, is kept. A code serves one check (in or out), and issuing a new one
replaces the old.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from uuid import UUID

__all__ = ["CODE_ALPHABET", "CODE_LENGTH", "code_hash", "code_matches", "new_code"]

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""Digits and capitals without the look-alikes 0/O and 1/I: 32 signs, 5 bits each."""
CODE_LENGTH = 8
"""Eight signs: 40 bits, short enough to read out, and tried against one sign-up only."""


def new_code() -> str:
    """A fresh random code, such as ``K7M2QX9D``."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_hash(signup_id: UUID, code: str) -> str:
    """The hex SHA-256 kept for ``code``; bound to the sign-up, so it fits no other."""
    normal = "".join(code.split()).replace("-", "").upper()
    return hashlib.sha256(f"{signup_id}:{normal}".encode()).hexdigest()


def code_matches(signup_id: UUID, code: str, stored_hash: str) -> bool:
    """Whether ``code`` is the one whose hash was kept (compared in constant time)."""
    return hmac.compare_digest(code_hash(signup_id, code), stored_hash)
