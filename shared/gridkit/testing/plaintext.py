"""Find personal numbers stored, logged or published in plain text.

National ID numbers and mobile numbers are encrypted at rest, masked on read
and never put in events or logs. These helpers scan what a test can reach — every
table of a database, event payloads, captured log output — for anything shaped
like a full 18-character resident ID number or an 11-digit mainland mobile
number. A match must stand alone (no letter or digit right before or after it),
so 15-digit grid codes, hexadecimal ciphertext and UUIDs do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

NATIONAL_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
"""A full resident ID number (身份证号): 17 digits and a check character."""

MOBILE = re.compile(r"(?<![0-9A-Za-z])1\d{10}(?![0-9A-Za-z])")
"""A full mainland mobile number: 11 digits starting with 1."""


def plain_personal_numbers(content: str) -> list[str]:
    """Every full ID or mobile number in ``content``."""
    return NATIONAL_ID.findall(content) + MOBILE.findall(content)


async def table_contents(engine: AsyncEngine) -> dict[str, str]:
    """Every table of the database's ``public`` schema, its rows as JSON text."""
    async with engine.connect() as connection:
        tables = list(
            await connection.scalars(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
                )
            )
        )
        contents = {}
        for table in tables:
            quoted = engine.dialect.identifier_preparer.quote(table)
            dump = await connection.scalar(
                text(f"SELECT coalesce(string_agg(row_to_json(t)::text, ' '), '') FROM {quoted} t")
            )
            contents[table] = str(dump)
    return contents


async def plain_numbers_in_database(engine: AsyncEngine) -> dict[str, list[str]]:
    """The tables holding a full personal number, with what was found (empty: clean)."""
    found = {}
    for table, dump in (await table_contents(engine)).items():
        numbers = plain_personal_numbers(dump)
        if numbers:
            found[table] = numbers
    return found


def plain_numbers_in(texts: Iterable[str]) -> list[str]:
    """Full personal numbers in any of ``texts`` (event payloads, log lines)."""
    return [number for content in texts for number in plain_personal_numbers(content)]
