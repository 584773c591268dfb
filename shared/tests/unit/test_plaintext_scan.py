"""The plaintext scan finds full personal numbers and nothing that merely looks long."""

from __future__ import annotations

from gridkit.testing.plaintext import plain_numbers_in, plain_personal_numbers


def test_a_full_id_number_and_a_mobile_number_are_found() -> None:
    found = plain_personal_numbers('{"id": "37011219850615002X", "phone": "13912345678"}')
    assert found == ["37011219850615002X", "13912345678"]


def test_masked_numbers_codes_and_identifiers_are_not_personal_numbers() -> None:
    harmless = (
        '{"national_id_masked": "3701**********002X", "phone_masked": "139****5678",'
        ' "grid": "370112001001002", "division": "370112001", "id":'
        ' "5b0ab3d7-3d1d-4c8e-a1a5-19012345678a", "at": "2026-06-18T08:00:00+08:00",'
        ' "ciphertext": "\\\\x0a13912345678ff", "epoch_ms": 1781740800000}'
    )
    assert plain_personal_numbers(harmless) == []


def test_every_text_is_scanned() -> None:
    assert plain_numbers_in(["nothing here", "call 13800001111 now"]) == ["13800001111"]
