"""Command line of the demo data seed: ``python -m org.seed [--scale S] [--database-url URL]``.

Progress goes to standard output. The exit status is 0 once the data set is in place, 1 when
the org database cannot be written to (the reason goes to standard error) and 2 for a bad option.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from sqlalchemy.exc import DBAPIError

from org.config import OrgSettings
from org.seed.apply import DEFAULT_CONCURRENCY, seed


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, seed, return the exit status."""
    args = _parser().parse_args(argv)
    url = args.database_url or OrgSettings().database_url
    try:
        asyncio.run(seed(url, scale=args.scale, concurrency=max(1, args.concurrency)))
    except (OSError, DBAPIError) as error:
        print(f"seed | cannot write to the org database: {error}", file=sys.stderr)
        return 1
    return 0


def _scale(text: str) -> float:
    value = float(text)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"the scale runs from just above 0 to 1, got {text}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m org.seed",
        description="Load the Licheng-scale demo data set (deterministic, idempotent).",
    )
    parser.add_argument(
        "--scale",
        type=_scale,
        default=1.0,
        help="share of the reference counts, e.g. 0.01 for a few grids (default 1.0)",
    )
    parser.add_argument(
        "--database-url", help="the org database (default: ORG_DATABASE_URL or DATABASE_URL)"
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        help=f"writes in flight at once (default {DEFAULT_CONCURRENCY})",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
