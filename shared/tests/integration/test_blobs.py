"""The file store behaves the same on a folder and on an S3-compatible bucket.

The bucket is moto's S3 server over real HTTP on 127.0.0.1, so the S3 store's
requests, signatures and error answers go through the wire as they would to MinIO
or AWS. Each test damages objects the way a disk or an operator would: behind the
store's back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from uuid import uuid4

import boto3
import pytest
from moto.server import ThreadedMotoServer
from pydantic import ValidationError
from pydantic_settings import SettingsConfigDict

from gridkit.blobs import (
    BlobCorrupted,
    BlobDigestInvalid,
    BlobNotFound,
    BlobStore,
    LocalBlobStore,
    S3BlobStore,
    StoredBlob,
    blob_key,
    blob_store_from_settings,
)
from gridkit.errors import NotFound
from gridkit.settings import ServiceSettings

REGION = "us-east-1"
ACCESS_KEY = "evidence-test-key"
SECRET_KEY = "evidence-test-secret"

PHOTO = b"\xff\xd8\xff\xe0 a photo of the stairwell, 55 dB measured" + bytes(1000)
PHOTO_SHA256 = hashlib.sha256(PHOTO).hexdigest()


class CasesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CASES_", extra="ignore", frozen=True)
    service_name: ClassVar[str] = "cases"
    uses_blobs: ClassVar[bool] = True


@dataclass
class Backend:
    """A store under test, and the raw access behind its back."""

    store: BlobStore
    write_raw: Callable[[str, bytes], None]
    """Overwrite the object under a key directly."""
    keys: Callable[[], list[str]]
    """Every object key the backend holds, sorted."""
    content_type: Callable[[str], str | None]
    """The content type recorded with the object under a key, where the backend records one."""


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing of the developer's shell decides which store the settings choose."""
    for name in (
        "ENV",
        "BLOB_DIR",
        "BLOB_S3_BUCKET",
        "BLOB_S3_ENDPOINT",
        "BLOB_S3_REGION",
        "BLOB_S3_ACCESS_KEY_ID",
        "BLOB_S3_SECRET_ACCESS_KEY",
        "BLOB_S3_PREFIX",
    ):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(f"CASES_{name}", raising=False)


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3_client(endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )


@pytest.fixture
def bucket(s3_endpoint: str) -> str:
    name = f"evidence-{uuid4().hex[:12]}"
    s3_client(s3_endpoint).create_bucket(Bucket=name)
    return name


def local_backend(root: Path) -> Backend:
    def write_raw(key: str, data: bytes) -> None:
        (root / key).write_bytes(data)

    def keys() -> list[str]:
        return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())

    return Backend(LocalBlobStore(root), write_raw, keys, lambda _key: None)


def s3_backend(endpoint: str, bucket: str, prefix: str = "cases") -> Backend:
    client = s3_client(endpoint)
    store = S3BlobStore(
        bucket=bucket,
        endpoint=endpoint,
        region=REGION,
        access_key_id=ACCESS_KEY,
        secret_access_key=SECRET_KEY,
        prefix=prefix,
    )

    def write_raw(key: str, data: bytes) -> None:
        client.put_object(Bucket=bucket, Key=f"{prefix}/{key}", Body=data)

    def keys() -> list[str]:
        listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
        return sorted(str(item["Key"]).removeprefix(f"{prefix}/") for item in listed)

    def content_type(key: str) -> str | None:
        return str(client.head_object(Bucket=bucket, Key=f"{prefix}/{key}")["ContentType"])

    return Backend(store, write_raw, keys, content_type)


@pytest.fixture(params=["local", "s3"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "local":
        return local_backend(tmp_path / "blobs")
    endpoint = request.getfixturevalue("s3_endpoint")
    return s3_backend(endpoint, request.getfixturevalue("bucket"))


async def test_a_file_comes_back_as_it_was_put(backend: Backend) -> None:
    stored = await backend.store.put(PHOTO, "image/jpeg")
    assert stored == StoredBlob(sha256=PHOTO_SHA256, size=len(PHOTO), content_type="image/jpeg")
    assert await backend.store.exists(PHOTO_SHA256)
    assert await backend.store.get(PHOTO_SHA256) == PHOTO


async def test_a_file_is_kept_under_its_digest(backend: Backend) -> None:
    await backend.store.put(PHOTO, "image/jpeg")
    key = f"sha256/{PHOTO_SHA256[:2]}/{PHOTO_SHA256[2:4]}/{PHOTO_SHA256}"
    assert blob_key(PHOTO_SHA256) == key
    assert backend.keys() == [key]


async def test_the_same_bytes_put_twice_are_stored_once(backend: Backend) -> None:
    first = await backend.store.put(PHOTO, "image/jpeg")
    again = await backend.store.put(PHOTO, "image/jpeg")
    other = await backend.store.put(b"%PDF-1.7 inspection report", "application/pdf")
    assert again.sha256 == first.sha256
    assert backend.keys() == sorted([blob_key(first.sha256), blob_key(other.sha256)])


async def test_a_deleted_file_is_gone(backend: Backend) -> None:
    await backend.store.put(PHOTO, "image/jpeg")
    await backend.store.delete(PHOTO_SHA256)
    assert not await backend.store.exists(PHOTO_SHA256)
    assert backend.keys() == []
    with pytest.raises(BlobNotFound):
        await backend.store.get(PHOTO_SHA256)
    await backend.store.delete(PHOTO_SHA256)  # deleting what is gone changes nothing


async def test_a_missing_file_is_a_coded_not_found(backend: Backend) -> None:
    missing = hashlib.sha256(b"never stored").hexdigest()
    assert not await backend.store.exists(missing)
    with pytest.raises(BlobNotFound) as refused:
        await backend.store.get(missing)
    assert isinstance(refused.value, NotFound)
    assert refused.value.code == "BLOB_NOT_FOUND"
    assert refused.value.details == {"sha256": missing}


async def test_a_corrupted_file_raises_instead_of_answering_wrong_bytes(backend: Backend) -> None:
    await backend.store.put(PHOTO, "image/jpeg")
    damaged = bytearray(PHOTO)
    damaged[10] ^= 0xFF  # one flipped byte, same size
    backend.write_raw(blob_key(PHOTO_SHA256), bytes(damaged))
    with pytest.raises(BlobCorrupted) as corrupted:
        await backend.store.get(PHOTO_SHA256)
    assert corrupted.value.sha256 == PHOTO_SHA256
    assert corrupted.value.actual == hashlib.sha256(damaged).hexdigest()


async def test_putting_a_file_again_repairs_a_truncated_copy(backend: Backend) -> None:
    await backend.store.put(PHOTO, "image/jpeg")
    backend.write_raw(blob_key(PHOTO_SHA256), PHOTO[:100])
    with pytest.raises(BlobCorrupted):
        await backend.store.get(PHOTO_SHA256)
    await backend.store.put(PHOTO, "image/jpeg")
    assert await backend.store.get(PHOTO_SHA256) == PHOTO


@pytest.mark.parametrize("digest", ["../../etc/passwd", PHOTO_SHA256.upper(), PHOTO_SHA256[:-1]])
async def test_a_malformed_digest_is_refused_before_the_store_is_asked(
    backend: Backend, digest: str
) -> None:
    with pytest.raises(BlobDigestInvalid) as refused:
        await backend.store.get(digest)
    assert refused.value.code == "BLOB_DIGEST_INVALID"
    with pytest.raises(BlobDigestInvalid):
        await backend.store.exists(digest)
    with pytest.raises(BlobDigestInvalid):
        await backend.store.delete(digest)


async def test_a_bucket_keeps_the_content_type_and_the_service_prefix(
    s3_endpoint: str, bucket: str
) -> None:
    backend = s3_backend(s3_endpoint, bucket, prefix="cases")
    await backend.store.put(PHOTO, "image/jpeg")
    assert backend.content_type(blob_key(PHOTO_SHA256)) == "image/jpeg"
    listed = s3_client(s3_endpoint).list_objects_v2(Bucket=bucket)["Contents"]
    assert [item["Key"] for item in listed] == [f"cases/{blob_key(PHOTO_SHA256)}"]


async def test_the_settings_choose_a_folder_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = CasesSettings()
    assert settings.blob_dir == ".data/blobs/cases"
    store = blob_store_from_settings(settings)
    assert isinstance(store, LocalBlobStore)
    await store.put(PHOTO, "image/jpeg")
    assert (tmp_path / ".data/blobs/cases" / blob_key(PHOTO_SHA256)).read_bytes() == PHOTO


async def test_the_settings_choose_the_bucket_when_one_is_named(
    s3_endpoint: str, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BLOB_S3_BUCKET", bucket)  # shared by every service of a stack
    monkeypatch.setenv("BLOB_S3_ENDPOINT", s3_endpoint)
    monkeypatch.setenv("BLOB_S3_REGION", REGION)
    monkeypatch.setenv("CASES_BLOB_S3_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("CASES_BLOB_S3_SECRET_ACCESS_KEY", SECRET_KEY)
    settings = CasesSettings()
    assert settings.blob_s3_prefix == "cases"  # services sharing a bucket never meet
    assert "evidence-test-secret" not in repr(settings)
    store = blob_store_from_settings(settings)
    assert isinstance(store, S3BlobStore)
    await store.put(PHOTO, "image/jpeg")
    assert await store.get(PHOTO_SHA256) == PHOTO
    listed = s3_client(s3_endpoint).list_objects_v2(Bucket=bucket)["Contents"]
    assert [item["Key"] for item in listed] == [f"cases/{blob_key(PHOTO_SHA256)}"]


def test_an_access_key_without_its_secret_is_refused() -> None:
    with pytest.raises(ValidationError, match="go together"):
        CasesSettings(blob_s3_bucket="evidence", blob_s3_access_key_id=ACCESS_KEY)
    with pytest.raises(ValueError, match="go together"):
        S3BlobStore(bucket="evidence", secret_access_key=SECRET_KEY)


def test_production_demands_a_file_store_from_a_service_that_keeps_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENV", "production")
    monkeypatch.setenv("CASES_DATABASE_URL", "postgresql+asyncpg://cases@db/cases")
    monkeypatch.setenv("JWT_JWKS_URL", "https://auth.example/jwks.json")
    monkeypatch.setenv("PII_KEY", "a-real-key-from-the-secret-store-0123456789")
    with pytest.raises(ValidationError, match="neither BLOB_S3_BUCKET nor CASES_BLOB_DIR"):
        CasesSettings()
    assert CasesSettings(blob_dir="/var/lib/pioneer/blobs").blob_dir == "/var/lib/pioneer/blobs"
    in_bucket = CasesSettings(
        blob_s3_bucket="evidence", blob_s3_secret_access_key=None, blob_s3_access_key_id=""
    )
    assert in_bucket.blob_s3_bucket == "evidence"  # credentials from the pod's role
    assert in_bucket.blob_s3_secret_access_key is None  # a secret is never defaulted
