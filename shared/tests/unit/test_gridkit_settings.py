"""Settings: a prefix per service, shared fallbacks, and no dev secrets in production."""

from __future__ import annotations

from typing import ClassVar

import pytest
from pydantic import ValidationError
from pydantic_settings import SettingsConfigDict

from gridkit.settings import DEV_ONLY_JWT_SECRET, ServiceSettings


class CasesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="CASES_", extra="ignore", frozen=True)
    service_name: ClassVar[str] = "cases"
    default_port: ClassVar[int] = 4003


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ENV", "DATABASE_URL", "NATS_URL", "JWT_SECRET", "PII_KEY", "JWT_JWKS_URL"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(f"CASES_{name}", raising=False)


def test_defaults_make_a_laptop_work() -> None:
    settings = CasesSettings()
    assert settings.database_url == "postgresql+asyncpg://postgres@127.0.0.1:5432/pioneer_cases"
    assert settings.port == 4003
    assert settings.stream_name == "CASES"
    assert settings.subject_for("cases.case.escalated") == "cases.case.escalated"


def test_a_prefixed_variable_wins_over_the_shared_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://shared/db")
    monkeypatch.setenv("NATS_URL", "nats://shared:4222")
    monkeypatch.setenv("CASES_DATABASE_URL", "postgresql+asyncpg://own/cases")
    settings = CasesSettings()
    assert settings.database_url == "postgresql+asyncpg://own/cases"
    assert settings.nats_url == "nats://shared:4222"


def test_a_namespace_prefixes_streams_and_subjects() -> None:
    settings = CasesSettings(events_namespace="t1a2")
    assert settings.stream_name == "T1A2_CASES"
    assert settings.stream_name_for("org") == "T1A2_ORG"
    assert settings.subject_for("cases.case.closed") == "t1a2.cases.case.closed"
    assert settings.logical_subject("t1a2.cases.case.closed") == "cases.case.closed"


def test_production_refuses_every_dev_only_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENV", "production")
    with pytest.raises(ValidationError) as refused:
        CasesSettings()
    message = str(refused.value)
    assert "DATABASE_URL is not set" in message
    assert "JWT_SECRET is the dev-only default" in message
    assert "PII_KEY is the dev-only default" in message


def test_production_starts_with_real_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENV", "production")
    monkeypatch.setenv("CASES_DATABASE_URL", "postgresql+asyncpg://cases@db/cases")
    monkeypatch.setenv("JWT_JWKS_URL", "https://auth.example/jwks.json")
    monkeypatch.setenv("PII_KEY", "a-real-key-from-the-secret-store-0123456789")
    settings = CasesSettings()
    assert settings.env == "production"
    assert settings.jwt_secret.get_secret_value() == DEV_ONLY_JWT_SECRET  # unused with JWKS
