"""Personal data at rest: authenticated encryption and blind indexes.

Values such as national ID and phone numbers are stored encrypted
(AES-256-GCM) next to a blind index (keyed HMAC-SHA256) that allows exact
lookups and uniqueness constraints without storing the plaintext. Both keys,
and a short key id, are derived with HKDF-SHA256 from the service's
``PII_KEY``, each under its own label, so none can be computed from another.

A stored token is laid out as::

    version (1 byte) | key id (4) | nonce (12) | ciphertext | tag (16)

The ``purpose`` (``"national_id"``, ``"phone"`` ...) is authenticated together
with that header but not stored: a token decrypts only for the purpose it was
written for, so a value moved into another column is refused.

This module knows nothing of databases. A service's repository calls it and
keeps the bytes in ``bytea`` columns.

Key rotation
------------
1. Deploy the new key as ``key`` and the previous one in ``old_keys``. New
   tokens use the new key; the key id in each token picks the key that opens it.
2. Re-encrypt every token for which :meth:`PiiProtector.needs_reencryption`
   is true, and rewrite every blind index with :meth:`PiiProtector.blind_index`.
   Until that is done, look values up with :meth:`PiiProtector.blind_indexes`,
   which gives the index under every key held.
3. Remove the old key. Tokens still written with it no longer decrypt.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import SecretStr

from gridkit.settings import ServiceSettings

TOKEN_VERSION = 1
"""First byte of every token; a new layout or algorithm gets a new number."""

MIN_KEY_BYTES = 32
"""HKDF does not strengthen a weak key, so a key must carry this much random material."""

_KEY_ID_SIZE = 4
_NONCE_SIZE = 12
_TAG_SIZE = 16
_HEADER_SIZE = 1 + _KEY_ID_SIZE

_ENCRYPTION_LABEL = b"pioneer-grid/pii/v1/aes-256-gcm"
_INDEX_LABEL = b"pioneer-grid/pii/v1/blind-index"
_KEY_ID_LABEL = b"pioneer-grid/pii/v1/key-id"


class PiiDecryptionError(Exception):
    """A token did not decrypt: tampered, truncated, another purpose, or an unknown key."""


class _DerivedKeys:
    """What one configured key yields: its id, its cipher and its blind index key."""

    __slots__ = ("cipher", "index_key", "key_id")

    def __init__(self, key: str | bytes) -> None:
        material = key.encode() if isinstance(key, str) else key
        if len(material) < MIN_KEY_BYTES:
            raise ValueError(
                f"a PII key needs at least {MIN_KEY_BYTES} bytes of random material, "
                f"e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        self.key_id = _derive(material, _KEY_ID_LABEL, _KEY_ID_SIZE)
        self.cipher = AESGCM(_derive(material, _ENCRYPTION_LABEL, 32))
        self.index_key = _derive(material, _INDEX_LABEL, 32)

    def blind_index(self, value: str, purpose: str) -> bytes:
        # A key per purpose, so equal values in different columns never share an index.
        purpose_key = hmac.digest(self.index_key, purpose.encode(), "sha256")
        return hmac.digest(purpose_key, value.encode(), "sha256")


class PiiProtector:
    """Encrypts, decrypts and indexes personal data with the service's PII key.

    ``key`` encrypts and indexes; ``old_keys`` only decrypt (and index for
    lookups) while a rotation is under way, see the module documentation.
    """

    def __init__(self, key: str | bytes, *, old_keys: Iterable[str | bytes] = ()) -> None:
        self._current = _DerivedKeys(key)
        self._keys = [self._current, *(_DerivedKeys(old) for old in old_keys)]

    @classmethod
    def from_settings(
        cls, settings: ServiceSettings, *, old_keys: Iterable[SecretStr] = ()
    ) -> PiiProtector:
        """The protector for ``settings.pii_key``, with ``old_keys`` still accepted."""
        return cls(
            settings.pii_key.get_secret_value(),
            old_keys=[old.get_secret_value() for old in old_keys],
        )

    def encrypt(self, plaintext: str, *, purpose: str) -> bytes:
        """A fresh token for ``plaintext``; it decrypts only for the same ``purpose``.

        Every call draws a random nonce, so equal values give unrelated tokens.
        """
        _check_purpose(purpose)
        header = bytes([TOKEN_VERSION]) + self._current.key_id
        nonce = os.urandom(_NONCE_SIZE)
        sealed = self._current.cipher.encrypt(
            nonce, plaintext.encode(), _associated_data(header, purpose)
        )
        return header + nonce + sealed

    def decrypt(self, token: bytes, *, purpose: str) -> str:
        """The plaintext of ``token``, written by :meth:`encrypt` for ``purpose``.

        Raises :class:`PiiDecryptionError` when the token was altered, was
        written for another purpose, or with a key this protector does not hold.
        """
        _check_purpose(purpose)
        if len(token) < _HEADER_SIZE + _NONCE_SIZE + _TAG_SIZE:
            raise PiiDecryptionError("the token is too short to be a PII token")
        if token[0] != TOKEN_VERSION:
            raise PiiDecryptionError(f"unknown PII token version {token[0]}")
        key_id = token[1:_HEADER_SIZE]
        candidates = [keys for keys in self._keys if keys.key_id == key_id]
        if not candidates:
            raise PiiDecryptionError("the token was written with a key this service does not hold")
        aad = _associated_data(token[:_HEADER_SIZE], purpose)
        nonce = token[_HEADER_SIZE : _HEADER_SIZE + _NONCE_SIZE]
        sealed = token[_HEADER_SIZE + _NONCE_SIZE :]
        # More than one candidate only if two keys share a 4-byte id by chance.
        for keys in candidates:
            try:
                return keys.cipher.decrypt(nonce, sealed, aad).decode()
            except InvalidTag:
                continue
        raise PiiDecryptionError("the token was altered or was written for another purpose")

    def needs_reencryption(self, token: bytes) -> bool:
        """True when ``token`` was not written with the current key and token version."""
        return token[:_HEADER_SIZE] != bytes([TOKEN_VERSION]) + self._current.key_id

    def blind_index(self, value: str, *, purpose: str) -> bytes:
        """A 32-byte keyed digest of ``value`` for exact lookups and unique constraints.

        Equal inputs give equal indexes, and nothing else does: normalising is
        the caller's job and must happen before both writing and looking up
        (e.g. a national ID with its check letter upper-cased, a phone number
        without spaces). The natural place is the domain value object, so the
        encrypted value is the normalised one too. The index differs per
        purpose and per key. Whoever holds the key can test guesses against
        it, so the key protects small value spaces such as phone numbers.
        """
        _check_purpose(purpose)
        return self._current.blind_index(value, purpose)

    def blind_indexes(self, value: str, *, purpose: str) -> list[bytes]:
        """The index of ``value`` under every key held, the current one first.

        For lookups (``WHERE index = ANY(...)``) while a rotation is rewriting
        the stored indexes.
        """
        _check_purpose(purpose)
        return [keys.blind_index(value, purpose) for keys in self._keys]


def _derive(material: bytes, label: bytes, length: int) -> bytes:
    return HKDF(algorithm=SHA256(), length=length, salt=None, info=label).derive(material)


def _check_purpose(purpose: str) -> None:
    if not purpose:
        raise ValueError("a PII purpose such as 'national_id' is required")


def _associated_data(header: bytes, purpose: str) -> bytes:
    # The header has a fixed length, so header and purpose cannot be confused.
    return header + purpose.encode()
