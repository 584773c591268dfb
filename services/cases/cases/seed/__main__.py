"""``python -m cases.seed``: load the standard case catalogue into a cases database.

Categories already there (the district's own edits included) are left as they are, so running
it again changes nothing. Exit status 0 once the catalogue is in place, 1 when the database
cannot be written to.
"""

from __future__ import annotations

import asyncio
import sys

from sqlalchemy.exc import DBAPIError

from cases.config import CasesSettings
from cases.handlers.catalogue import load_standard_catalogue
from cases.unit_of_work import CasesUnitOfWork
from gridkit.db import create_engine, create_session_factory
from gridkit.pii import PiiProtector


async def _load(settings: CasesSettings) -> int:
    engine = create_engine(settings.database_url, pool_size=1)
    try:
        uow = CasesUnitOfWork(create_session_factory(engine), PiiProtector.from_settings(settings))
        return await load_standard_catalogue(uow)
    finally:
        await engine.dispose()


def main() -> int:
    """Load the catalogue; the exit status."""
    settings = CasesSettings()
    try:
        added = asyncio.run(_load(settings))
    except (OSError, DBAPIError) as error:
        print(f"seed | cannot write to the cases database: {error}", file=sys.stderr)
        return 1
    print(f"seed | case catalogue: {added} categories added")
    return 0


if __name__ == "__main__":
    sys.exit(main())
