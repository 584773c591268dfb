"""Personal data is encrypted per purpose, indexed without plaintext, and survives key rotation."""

from __future__ import annotations

from typing import ClassVar

import pytest
from pydantic import SecretStr

from gridkit.pii import PiiDecryptionError, PiiProtector
from gridkit.settings import DEV_ONLY_PII_KEY, ServiceSettings

KEY = "test-pii-key-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
NEW_KEY = "test-pii-key-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
NATIONAL_ID = "37011219850612002X"
PHONE = "13812345678"


class PersonnelSettings(ServiceSettings):
    service_name: ClassVar[str] = "personnel"


@pytest.fixture
def protector() -> PiiProtector:
    return PiiProtector(KEY)


def test_an_encrypted_value_decrypts_to_itself(protector: PiiProtector) -> None:
    token = protector.encrypt(NATIONAL_ID, purpose="national_id")
    assert protector.decrypt(token, purpose="national_id") == NATIONAL_ID
    assert NATIONAL_ID.encode() not in token


def test_non_ascii_and_empty_values_round_trip(protector: PiiProtector) -> None:
    for value in ["张三 138-1234-5678", ""]:
        assert protector.decrypt(protector.encrypt(value, purpose="note"), purpose="note") == value


def test_the_same_value_encrypts_to_a_different_token_each_time(protector: PiiProtector) -> None:
    tokens = {protector.encrypt(PHONE, purpose="phone") for _ in range(20)}
    assert len(tokens) == 20
    nonces = {token[5:17] for token in tokens}
    assert len(nonces) == 20


def test_a_token_starts_with_the_version_byte_and_carries_33_bytes_of_overhead(
    protector: PiiProtector,
) -> None:
    token = protector.encrypt(PHONE, purpose="phone")
    assert token[0] == 1
    assert len(token) == len(PHONE) + 1 + 4 + 12 + 16


@pytest.mark.parametrize("position", [0, 1, 5, 17, -1])
def test_a_token_altered_anywhere_is_refused(protector: PiiProtector, position: int) -> None:
    token = bytearray(protector.encrypt(NATIONAL_ID, purpose="national_id"))
    token[position] ^= 0x01
    with pytest.raises(PiiDecryptionError):
        protector.decrypt(bytes(token), purpose="national_id")


def test_a_truncated_token_is_refused(protector: PiiProtector) -> None:
    token = protector.encrypt(NATIONAL_ID, purpose="national_id")
    for length in [0, 5, 32, len(token) - 1]:
        with pytest.raises(PiiDecryptionError):
            protector.decrypt(token[:length], purpose="national_id")


def test_a_national_id_token_cannot_be_read_as_a_phone_number(protector: PiiProtector) -> None:
    token = protector.encrypt(NATIONAL_ID, purpose="national_id")
    with pytest.raises(PiiDecryptionError, match="another purpose"):
        protector.decrypt(token, purpose="phone")


def test_a_token_is_refused_by_a_protector_with_another_key(protector: PiiProtector) -> None:
    token = protector.encrypt(NATIONAL_ID, purpose="national_id")
    with pytest.raises(PiiDecryptionError, match="does not hold"):
        PiiProtector(NEW_KEY).decrypt(token, purpose="national_id")


def test_a_purpose_is_required(protector: PiiProtector) -> None:
    token = protector.encrypt(PHONE, purpose="phone")
    with pytest.raises(ValueError, match="purpose"):
        protector.encrypt(PHONE, purpose="")
    with pytest.raises(ValueError, match="purpose"):
        protector.decrypt(token, purpose="")
    with pytest.raises(ValueError, match="purpose"):
        protector.blind_index(PHONE, purpose="")


def test_a_short_key_is_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        PiiProtector("too-short")
    with pytest.raises(ValueError, match="32 bytes"):
        PiiProtector(KEY, old_keys=[b"short"])


def test_a_key_given_as_bytes_equals_the_same_key_as_text() -> None:
    token = PiiProtector(KEY.encode()).encrypt(PHONE, purpose="phone")
    assert PiiProtector(KEY).decrypt(token, purpose="phone") == PHONE


def test_the_blind_index_is_stable_across_protectors_of_the_same_key() -> None:
    first = PiiProtector(KEY).blind_index(NATIONAL_ID, purpose="national_id")
    assert PiiProtector(KEY).blind_index(NATIONAL_ID, purpose="national_id") == first
    assert len(first) == 32
    assert NATIONAL_ID.encode() not in first


def test_the_blind_index_matches_exact_values_only_so_callers_normalise_first(
    protector: PiiProtector,
) -> None:
    upper = protector.blind_index(NATIONAL_ID, purpose="national_id")
    lower = protector.blind_index(NATIONAL_ID.lower(), purpose="national_id")
    assert lower != upper
    assert protector.blind_index(NATIONAL_ID.lower().upper(), purpose="national_id") == upper


def test_the_blind_index_differs_per_purpose_and_per_key(protector: PiiProtector) -> None:
    as_phone = protector.blind_index(PHONE, purpose="phone")
    assert protector.blind_index(PHONE, purpose="national_id") != as_phone
    assert PiiProtector(NEW_KEY).blind_index(PHONE, purpose="phone") != as_phone


def test_after_rotation_old_tokens_still_decrypt_and_new_ones_use_the_new_key() -> None:
    old_token = PiiProtector(KEY).encrypt(NATIONAL_ID, purpose="national_id")
    rotated = PiiProtector(NEW_KEY, old_keys=[KEY])

    assert rotated.decrypt(old_token, purpose="national_id") == NATIONAL_ID
    new_token = rotated.encrypt(NATIONAL_ID, purpose="national_id")
    assert PiiProtector(NEW_KEY).decrypt(new_token, purpose="national_id") == NATIONAL_ID
    with pytest.raises(PiiDecryptionError):
        PiiProtector(KEY).decrypt(new_token, purpose="national_id")


def test_rotation_tells_which_tokens_still_need_reencrypting() -> None:
    old_token = PiiProtector(KEY).encrypt(PHONE, purpose="phone")
    rotated = PiiProtector(NEW_KEY, old_keys=[KEY])

    assert rotated.needs_reencryption(old_token)
    fresh = rotated.encrypt(rotated.decrypt(old_token, purpose="phone"), purpose="phone")
    assert not rotated.needs_reencryption(fresh)


def test_during_rotation_lookups_match_indexes_written_under_either_key() -> None:
    rotated = PiiProtector(NEW_KEY, old_keys=[KEY])
    indexes = rotated.blind_indexes(PHONE, purpose="phone")
    assert indexes == [
        PiiProtector(NEW_KEY).blind_index(PHONE, purpose="phone"),
        PiiProtector(KEY).blind_index(PHONE, purpose="phone"),
    ]
    assert rotated.blind_index(PHONE, purpose="phone") == indexes[0]


def test_the_protector_from_settings_uses_the_service_pii_key() -> None:
    settings = PersonnelSettings(pii_key=SecretStr(NEW_KEY))
    token = PiiProtector.from_settings(settings).encrypt(PHONE, purpose="phone")
    assert PiiProtector(NEW_KEY).decrypt(token, purpose="phone") == PHONE

    rotating = PiiProtector.from_settings(settings, old_keys=[SecretStr(KEY)])
    old_token = PiiProtector(KEY).encrypt(PHONE, purpose="phone")
    assert rotating.decrypt(old_token, purpose="phone") == PHONE


def test_the_dev_only_key_works_in_development_and_is_refused_in_production() -> None:
    assert PiiProtector.from_settings(PersonnelSettings()).blind_index(PHONE, purpose="phone")
    with pytest.raises(ValueError, match="PII_KEY is the dev-only default"):
        PersonnelSettings(
            env="production",
            database_url="postgresql+asyncpg://db/personnel",
            jwt_jwks_url="https://idp.example/jwks",
            pii_key=SecretStr(DEV_ONLY_PII_KEY),
        )
