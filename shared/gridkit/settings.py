"""One settings object per service, read from the environment.

Every service subclasses :class:`ServiceSettings` with its own prefix
(``ORG_``, ``CASES_`` ...). A prefixed variable wins; the unprefixed shared
names (``DATABASE_URL``, ``NATS_URL``, ``ENV``, ``JWT_SECRET`` ...) are the
fallback, so one ``.env`` can configure a whole stack while each deployable
can still be pointed elsewhere on its own.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

# Values that make a laptop work out of the box and must never reach production.
DEV_ONLY_JWT_SECRET = "dev-only-jwt-secret-change-me-0123456789abcdef"
DEV_ONLY_PII_KEY = "dev-only-pii-key-change-me-0123456789abcdef"

Environment = Literal["development", "test", "production"]

# Fields that may come from unprefixed variables shared by every service.
SHARED_FIELDS = frozenset(
    {
        "env",
        "database_url",
        "nats_url",
        "events_namespace",
        "jwt_secret",
        "jwt_jwks_url",
        "jwt_issuer",
        "jwt_audience",
        "pii_key",
        "log_level",
        "timezone",
        # One bucket and its credentials can serve a whole stack; each service keeps
        # its own folder and key prefix, so none deletes another's files.
        "blob_s3_bucket",
        "blob_s3_endpoint",
        "blob_s3_region",
        "blob_s3_access_key_id",
        "blob_s3_secret_access_key",
    }
)


class _SharedEnvSource(EnvSettingsSource):
    """Unprefixed environment variables, limited to the shared fields."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        if field_name not in SHARED_FIELDS:
            return None, field_name, False
        return super().get_field_value(field, field_name)


class ServiceSettings(BaseSettings):
    """Settings every service shares. Subclass it and set ``env_prefix``."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "service"
    default_port: ClassVar[int] = 8000
    uses_database: ClassVar[bool] = True
    """False for a process without a database (the gateway): its URL is not demanded."""
    uses_pii: ClassVar[bool] = True
    """False for a process that never decrypts personal data: its key is not demanded."""
    uses_blobs: ClassVar[bool] = False
    """True for a service that stores files (evidence, certificates): production then
    demands a bucket or an explicit folder for them."""

    env: Environment = "development"
    host: str = "127.0.0.1"
    port: int = 0
    log_level: str = "INFO"

    database_url: str = ""
    """SQLAlchemy URL of this service's own database (``postgresql+asyncpg://...``)."""

    nats_url: str = "nats://127.0.0.1:4222"
    events_namespace: str = ""
    """Prefix for stream names and subjects; tests set it so they never touch a live stack."""

    jwt_secret: SecretStr = SecretStr(DEV_ONLY_JWT_SECRET)
    """HS256 secret for dev tokens. Production uses ``jwt_jwks_url`` instead."""
    jwt_jwks_url: str = ""
    jwt_issuer: str = "pioneer-grid"
    jwt_audience: str = "pioneer-grid"

    pii_key: SecretStr = SecretStr(DEV_ONLY_PII_KEY)

    timezone: str = "Asia/Shanghai"
    """Where "today" is: rules that depend on the date use the local date of this zone."""
    idempotency_ttl_hours: float = Field(default=24.0, gt=0)
    """How long an idempotency key answers retries with the first result."""

    blob_dir: str = ""
    """Folder of the local file store; dev-only default ``.data/blobs/<service>``, relative
    to the working directory. Unused when ``blob_s3_bucket`` is set."""
    blob_s3_bucket: str = ""
    """S3-compatible bucket for files; when set, files go there instead of ``blob_dir``."""
    blob_s3_endpoint: str = ""
    """The bucket's endpoint (``https://minio.internal:9000``); '' = AWS's regional one."""
    blob_s3_region: str = ""
    """The bucket's region; '' = the store's default (``us-east-1``)."""
    blob_s3_access_key_id: str = ""
    """Access key for the bucket; '' = the ambient AWS credentials (instance or pod role)."""
    blob_s3_secret_access_key: SecretStr | None = None
    """Secret of ``blob_s3_access_key_id``. Never defaulted."""
    blob_s3_prefix: str = ""
    """Key prefix of this service's files in the bucket; defaults to the service name."""

    relay_batch_size: int = Field(default=200, ge=1, le=5000)
    relay_poll_seconds: float = Field(default=1.0, gt=0)
    stream_duplicate_window_seconds: int = Field(default=24 * 3600, ge=60)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        shared = _SharedEnvSource(settings_cls, env_prefix="")
        return init_settings, env_settings, shared, dotenv_settings, file_secret_settings

    @model_validator(mode="after")
    def _fill_defaults_and_refuse_dev_values_in_production(self) -> ServiceSettings:
        problems = []
        if not self.database_url:
            if self.env == "production" and self.uses_database:
                problems.append("DATABASE_URL is not set (the local default is dev-only)")
            object.__setattr__(self, "database_url", self.default_database_url())
        if not self.port:
            object.__setattr__(self, "port", self.default_port)
        no_blob_store = not self.blob_s3_bucket and not self.blob_dir
        if self.env == "production" and self.uses_blobs and no_blob_store:
            prefix = self.model_config.get("env_prefix", "")
            problems.append(
                f"neither BLOB_S3_BUCKET nor {prefix}BLOB_DIR is set (the local folder "
                ".data/blobs is dev-only)"
            )
        if not self.blob_dir:
            object.__setattr__(self, "blob_dir", self.default_blob_dir())
        if not self.blob_s3_prefix:
            object.__setattr__(self, "blob_s3_prefix", self.service_name)
        secret = self.blob_s3_secret_access_key
        if bool(self.blob_s3_access_key_id) != bool(secret and secret.get_secret_value()):
            # In any environment: half a credential would silently fall back to another one.
            raise ValueError("BLOB_S3_ACCESS_KEY_ID and BLOB_S3_SECRET_ACCESS_KEY go together")
        if self.env == "production":
            if not self.jwt_jwks_url and self.jwt_secret.get_secret_value() == DEV_ONLY_JWT_SECRET:
                problems.append("JWT_SECRET is the dev-only default and no JWT_JWKS_URL is set")
            if self.uses_pii and self.pii_key.get_secret_value() == DEV_ONLY_PII_KEY:
                problems.append("PII_KEY is the dev-only default")
        if problems:
            raise ValueError("refusing to start in production: " + "; ".join(problems))
        return self

    def default_database_url(self) -> str:
        """Dev-only default: the service's own database on the local server."""
        return f"postgresql+asyncpg://postgres@127.0.0.1:5432/pioneer_{self.service_name}"

    def default_blob_dir(self) -> str:
        """Dev-only default: the service's own folder under ``.data/blobs``."""
        return f".data/blobs/{self.service_name}"

    @property
    def stream_name(self) -> str:
        """JetStream stream holding this service's events, e.g. ``ORG``."""
        return self.stream_name_for(self.service_name)

    def stream_name_for(self, service: str) -> str:
        """Stream name of any service under this namespace."""
        prefix = f"{self.events_namespace.upper()}_" if self.events_namespace else ""
        return f"{prefix}{service.upper()}"

    def subject_for(self, subject: str) -> str:
        """Wire subject for a logical subject such as ``org.grid.created``."""
        return f"{self.events_namespace}.{subject}" if self.events_namespace else subject

    def logical_subject(self, wire_subject: str) -> str:
        """Inverse of :meth:`subject_for`."""
        prefix = f"{self.events_namespace}." if self.events_namespace else ""
        return wire_subject.removeprefix(prefix)
