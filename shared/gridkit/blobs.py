"""Files kept by their content: case evidence, certificates, any uploaded document.

A blob is stored under a key derived from the SHA-256 of its bytes
(``sha256/ab/cd/abcd…``), so the same photo attached twice is stored once and a
row that names the digest can always check what it gets back. The database keeps
the digest and the metadata (file name, content type, who attached it); the store
keeps only bytes.

Two stores behave the same, both on obstore:

- :class:`LocalBlobStore`, a folder: the default, ``.data/blobs/<service>`` in dev;
- :class:`S3BlobStore`, any S3-compatible bucket (AWS, MinIO, Ceph, OSS …), when
  ``<PREFIX>BLOB_S3_BUCKET`` is set.

A service builds its store once from its settings::

    store = blob_store_from_settings(settings)
    stored = await store.put(upload.data, upload.content_type)  # StoredBlob(sha256, size, ...)
    data = await store.get(stored.sha256)                        # the same bytes, verified

Writes are atomic: an object appears under its key whole or not at all (the local
store writes a staging file and renames it; an S3 PUT is atomic). Reads verify the
digest, so a damaged object raises :class:`BlobCorrupted` instead of answering
wrong bytes. Blobs are shared by content: delete one only when no row names its
digest any more.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

import obstore
from obstore.store import LocalStore, S3Store

from gridkit.errors import InvalidInput, NotFound
from gridkit.settings import ServiceSettings

if TYPE_CHECKING:
    from obstore.store import ClientConfig, ObjectStore, RetryConfig, S3Config

_DIGEST = re.compile(r"[0-9a-f]{64}")

# A store that does not answer must not hold a request for obstore's default three minutes.
_RETRIES: RetryConfig = {"max_retries": 3, "retry_timeout": timedelta(seconds=20)}
_CONNECT_TIMEOUT = timedelta(seconds=5)
_REQUEST_TIMEOUT = timedelta(seconds=60)


class BlobNotFound(NotFound):
    """No blob is stored under the digest."""

    code: ClassVar[str] = "BLOB_NOT_FOUND"


class BlobDigestInvalid(InvalidInput):
    """The digest is not a SHA-256 in lower-case hex (64 characters)."""

    code: ClassVar[str] = "BLOB_DIGEST_INVALID"


class BlobCorrupted(Exception):
    """The stored bytes no longer match their digest: the store was damaged.

    Not a client's mistake, so not a coded error: it is logged and answers an
    internal error, and the object needs restoring from a backup.
    """

    def __init__(self, sha256: str, actual: str) -> None:
        super().__init__(f"blob {sha256} is corrupted: its bytes hash to {actual}")
        self.sha256 = sha256
        self.actual = actual


@dataclass(frozen=True)
class StoredBlob:
    """What a store answers for the bytes it keeps."""

    sha256: str
    """The SHA-256 of the bytes, lower-case hex: the blob's name in the store."""
    size: int
    """Length of the bytes."""
    content_type: str
    """Media type the bytes were stored with (``image/jpeg``)."""


class BlobStore(Protocol):
    """A content-addressed store of bytes."""

    async def put(self, data: bytes, content_type: str) -> StoredBlob:
        """Store ``data`` (once, however often it is put) and answer its digest."""
        ...

    async def get(self, sha256: str) -> bytes:
        """The bytes stored under ``sha256``, verified; :class:`BlobNotFound` when absent."""
        ...

    async def exists(self, sha256: str) -> bool:
        """True if a blob is stored under ``sha256``."""
        ...

    async def delete(self, sha256: str) -> None:
        """Remove the blob under ``sha256``; nothing happens when there is none."""
        ...


def blob_key(sha256: str) -> str:
    """The key of a blob in its store: ``sha256/ab/cd/<digest>``.

    Two levels of fan-out keep any one folder of a local store small.
    """
    _check_digest(sha256)
    return f"sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"


class ObjectStoreBlobs:
    """A :class:`BlobStore` on any obstore store; the local and S3 stores build on it."""

    keeps_content_type: ClassVar[bool] = False
    """Whether the store records the content type with the object (S3 does, a folder cannot)."""

    def __init__(self, store: ObjectStore) -> None:
        self._store = store

    async def put(self, data: bytes, content_type: str) -> StoredBlob:
        """Store ``data`` under its digest, unless the same bytes are stored already."""
        digest = hashlib.sha256(data).hexdigest()
        stored = StoredBlob(sha256=digest, size=len(data), content_type=content_type)
        key = blob_key(digest)
        # Look first rather than ask for a conditional write: not every S3-compatible
        # store honours If-None-Match, and rewriting identical bytes is harmless when
        # two requests race. A stored object of another size is damaged: write it again.
        size = await self._size(key)
        if size == len(data):
            return stored
        await obstore.put_async(
            self._store,
            key,
            data,
            attributes={"Content-Type": content_type} if self.keeps_content_type else None,
            mode="overwrite",
            use_multipart=False,  # one request: no abandoned parts left behind in a bucket
        )
        return stored

    async def get(self, sha256: str) -> bytes:
        """The bytes under ``sha256``; :class:`BlobCorrupted` if they do not hash to it."""
        key = blob_key(sha256)
        try:
            result = await obstore.get_async(self._store, key)
            data = bytes(await result.bytes_async())
        except FileNotFoundError as exc:
            raise BlobNotFound(f"No file {sha256} is stored.", sha256=sha256) from exc
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            raise BlobCorrupted(sha256, actual)
        return data

    async def exists(self, sha256: str) -> bool:
        """True if an object is stored under ``sha256``'s key."""
        return await self._size(blob_key(sha256)) is not None

    async def delete(self, sha256: str) -> None:
        """Remove the object under ``sha256``'s key, if there is one."""
        try:
            await obstore.delete_async(self._store, blob_key(sha256))
        except FileNotFoundError:
            return  # a folder reports a missing file; a bucket does not: both mean "gone"

    async def _size(self, key: str) -> int | None:
        try:
            meta = await obstore.head_async(self._store, key)
        except FileNotFoundError:
            return None
        return meta["size"]


class LocalBlobStore(ObjectStoreBlobs):
    """Blobs as files under ``root`` (created when missing)."""

    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        # Absolute: the store must not move if the process changes its directory later.
        self.root = root.resolve()
        """The folder holding the ``sha256/`` tree."""
        super().__init__(LocalStore(self.root, automatic_cleanup=True))


class S3BlobStore(ObjectStoreBlobs):
    """Blobs as objects in an S3-compatible bucket, under ``prefix``.

    Without an access key the usual AWS chain applies (``AWS_*`` variables, an
    instance or pod role), which is how a cloud deployment gets short-lived
    credentials. An ``http://`` endpoint (a MinIO on the same host) is allowed.
    """

    keeps_content_type: ClassVar[bool] = True

    def __init__(
        self,
        *,
        bucket: str,
        endpoint: str = "",
        region: str = "",
        access_key_id: str = "",
        secret_access_key: str = "",
        prefix: str = "",
    ) -> None:
        if bool(access_key_id) != bool(secret_access_key):
            raise ValueError("an S3 access key id and its secret go together")
        self.bucket = bucket
        """The bucket holding the blobs."""
        self.prefix = prefix.strip("/")
        """Key prefix inside the bucket ('' = the bucket's root)."""
        client: ClientConfig = {
            "connect_timeout": _CONNECT_TIMEOUT,
            "timeout": _REQUEST_TIMEOUT,
            "allow_http": endpoint.startswith("http://"),
        }
        config: S3Config = {}
        if endpoint:
            config["endpoint"] = endpoint
        if region:
            config["region"] = region
        if access_key_id:
            config["access_key_id"] = access_key_id
            config["secret_access_key"] = secret_access_key
        store = S3Store(
            bucket,
            prefix=self.prefix or None,
            config=config,
            client_options=client,
            retry_config=_RETRIES,
        )
        super().__init__(store)


def blob_store_from_settings(settings: ServiceSettings) -> BlobStore:
    """The service's store: its bucket when ``BLOB_S3_BUCKET`` is set, else its folder."""
    if settings.blob_s3_bucket:
        secret = settings.blob_s3_secret_access_key
        return S3BlobStore(
            bucket=settings.blob_s3_bucket,
            endpoint=settings.blob_s3_endpoint,
            region=settings.blob_s3_region,
            access_key_id=settings.blob_s3_access_key_id,
            secret_access_key=secret.get_secret_value() if secret is not None else "",
            prefix=settings.blob_s3_prefix,
        )
    return LocalBlobStore(Path(settings.blob_dir))


def _check_digest(sha256: str) -> None:
    # The digest becomes a path: anything but 64 hex digits could reach outside the store.
    if not _DIGEST.fullmatch(sha256):
        raise BlobDigestInvalid(
            "A file is named by its SHA-256: 64 characters 0-9 and a-f.", sha256=sha256[:100]
        )
