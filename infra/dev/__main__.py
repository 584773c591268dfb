"""Command line of the dev launcher.

python -m infra.dev [up]                 run the whole stack in the foreground
python -m infra.dev run [--bare] MODULE  run ``python -m MODULE`` against the stack's databases
python -m infra.dev stop                 stop the embedded servers under .data/
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from gridkit.devstack import stop_embedded
from infra.dev.run import run_module
from infra.dev.stack import DATA_DIR, DevSettings
from infra.dev.up import up


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, do what it says, return the exit status."""
    args = _parser().parse_args(argv)
    settings = DevSettings()
    try:
        if args.command == "stop":
            for data_dir in _data_dirs(DATA_DIR):
                stop_embedded(data_dir)
            print("dev | embedded servers under .data/ stopped")
            return 0
        if args.command == "run":
            return run_module(settings, args.module, args.args, bare=args.bare)
        return asyncio.run(up(settings))
    except KeyboardInterrupt:
        return 130


def _data_dirs(root: Path) -> list[Path]:
    """``root`` and the data directories nested in it, such as the test runs' ``.data/test``.

    A data directory is one holding the devstack's lock file; two levels deep is enough.
    """
    children = _subdirectories(root)
    grandchildren = [g for child in children for g in _subdirectories(child)]
    nested = [d for d in (*children, *grandchildren) if (d / ".lock").is_file()]
    return [root, *nested] if root.is_dir() else []


def _subdirectories(directory: Path) -> list[Path]:
    try:
        return [child for child in directory.iterdir() if child.is_dir()]
    except OSError:  # missing, or a server's private data directory
        return []


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m infra.dev",
        description="Run Pioneer Grid locally on PostgreSQL and NATS, embedded when none answer.",
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("up", help="run every service and the gateway in the foreground (default)")
    run = commands.add_parser("run", help="run `python -m MODULE` with the stack's environment")
    run.add_argument("--bare", action="store_true", help="no servers, databases or migrations")
    run.add_argument("module")
    run.add_argument("args", nargs=argparse.REMAINDER)
    commands.add_parser("stop", help="stop the embedded servers under .data/ (data is kept)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
