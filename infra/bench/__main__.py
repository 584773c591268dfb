"""``make bench``: org, personnel and the gateway on seeded data, under a bounded load.

    make bench                      # defaults: scale 0.1 of Licheng, 8 clients, 5 s per run
    make bench ARGS="--seconds 10 --clients 16 --gateway-workers 2"

Every run is bounded in time and sends traffic to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys

from infra.bench.load import Result, measure
from infra.bench.processes import serving
from infra.dev.components import ROOT

DEEP = """{ grids(first: 100) { totalCount nodes {
  code name kind households
  division { name parent { name parent { name } } }
  partyOrganization { name kind parent { name } }
  standards { item status }
  leader { name phone }
  staff { role person { name membership { status } } }
} } }"""

ORG_ONLY = """{ grids(first: 100) { nodes {
  code name division { name parent { name } } partyOrganization { name }
} } }"""


def main(argv: list[str] | None = None) -> None:
    """Seed, start the services, measure, print the table."""
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1, help="share of the Licheng data set")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--gateway-workers", type=int, default=1)
    args = parser.parse_args(argv)

    print(f"seeding {args.scale:.0%} of the Licheng data set (idempotent) ...", file=sys.stderr)
    subprocess.run(
        [sys.executable, "-m", "org.seed", "--scale", str(args.scale)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    _print(_serve_and_measure(args), args)


def _serve_and_measure(args: argparse.Namespace) -> list[Result]:
    with (
        serving("org.app:app", {}) as org,
        serving("personnel.app:app", {}) as personnel,
        serving(
            "gateway.main:app",
            {"GATEWAY_SUBGRAPHS": json.dumps({"org": org, "personnel": personnel})},
            workers=args.gateway_workers,
        ) as gateway,
    ):
        return asyncio.run(_run(args, org=org, gateway=gateway))


async def _run(args: argparse.Namespace, *, org: str, gateway: str) -> list[Result]:
    runs = [
        ("org subgraph alone", "org :direct", org, ORG_ONLY),
        ("same query via gateway", "gateway", gateway, ORG_ONLY),
        ("deep, org + personnel", "gateway", gateway, DEEP),
    ]
    results = []
    for name, target, url, query in runs:
        results.append(
            await measure(
                name, target, url, {"query": query}, clients=args.clients, seconds=args.seconds
            )
        )
    return results


def _print(results: list[Result], args: argparse.Namespace) -> None:
    print(
        f"\n{args.clients} clients, {args.seconds:.0f} s each, gateway workers: "
        f"{args.gateway_workers}, cores: {os.cpu_count()}\n"
    )
    header = (
        f"{'run':<26} {'target':<12} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'KiB':>7} {'errors':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.name:<26} {r.target:<12} {r.per_second:>8.1f} {r.p50_ms:>8.1f} "
            f"{r.p95_ms:>8.1f} {r.bytes_per_answer / 1024:>7.1f} {r.errors:>7}"
        )


if __name__ == "__main__":
    main()
