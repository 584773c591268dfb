"""``make bench``: org's subgraph against PostGraphile on the same database, and the gateway.

    make bench                                   # scale 0.1 of Licheng, 8 clients, 5 s per run
    make bench ARGS="--seconds 10 --clients 16"
    make bench ARGS="--profile"                  # and where org and personnel spend it (py-spy)
    make bench ARGS="--only case-figures"        # only the cases' figures over a million cases
    make bench ARGS="--no-case-figures"          # everything but those
    make bench ARGS="--only planner"             # only the planner's figures (no servers)

Seeds org's database, starts org, personnel, the gateway and PostGraphile (the peer, on org's
database), then measures, each at 1 client and at ``--clients``: the issue's page on org and on
PostGraphile, the personnel-enriched page through the gateway, and the gateway's two fetches for
it sent to org and personnel directly. Prints the table, then the ratios the issue sets targets
for, then the planner's figures beside them: plans per second for the benchmark query and for a
50-field operation over all four subgraphs, with no plan cache
(``infra.bench.planner_figures``). Then, in a database of its own, it times the cases service's
performance figures over a million cases (``infra.bench.case_figures``) and prints their table.
Exits 0 unless something crashed or answered with errors. Every run is bounded in time and sends
traffic to 127.0.0.1 only; every process started is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from typing import TypeVar

import aiohttp

from gridkit.auth.caller import Role
from gridkit.auth.tokens import issue_dev_token
from gridkit.settings import ServiceSettings
from infra.bench import case_figures, peer, planner_figures, queries
from infra.bench.load import AnswerError, Request, fetch, measure, session
from infra.bench.processes import Served, StartError, serving
from infra.bench.profiling import ProfileError, sampling
from infra.bench.report import (
    GATEWAY,
    ORG,
    ORG_FETCH,
    PEER,
    PERSONNEL_FETCH,
    PROFILED,
    Outcome,
    print_report,
)
from infra.bench.teams import TeamError, ensure_teams
from infra.dev.components import ROOT
from infra.dev.stack import DevSettings
from org.config import OrgSettings

OUTPUT_DIR = ROOT / ".data" / "bench"
CASE_FIGURES = "case-figures"
"""The section ``--only`` and ``--no-case-figures`` name."""
PLANNER = "planner"
"""The planner's section, which ``--only`` names."""
_N = TypeVar("_N", int, float)


def main(argv: list[str] | None = None) -> int:
    """Seed, start the servers, measure, print the report; the exit status."""
    args = _parser().parse_args(argv)
    if args.only == CASE_FIGURES:
        return _case_figures()
    if args.only == PLANNER:
        return _planner_figures()
    _say(f"seeding {args.scale:.0%} of the Licheng data set (idempotent) ...")
    subprocess.run(
        [sys.executable, "-m", "org.seed", "--scale", str(args.scale)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    outcome = Outcome(clients=args.clients, seconds=args.seconds)
    _serve_and_measure(args, outcome)
    header = (
        f"1 and {args.clients} clients, {args.seconds:g} s per run, scale {args.scale:g}, "
        f"gateway workers: {args.gateway_workers}, cores: {os.cpu_count()}"
    )
    print_report(outcome, header=header)
    status = max(outcome.status, _planner_figures())
    if args.no_case_figures:
        return status
    return max(status, _case_figures())


def _planner_figures() -> int:
    """Time the planner on operations it has not seen; the exit status."""
    figures = planner_figures.run(say=_say)
    planner_figures.print_planner_figures(figures)
    return figures.status


def _case_figures() -> int:
    """Time the cases' figures over a million cases on the stack's server; the exit status."""
    figures = case_figures.run(DevSettings().database_url, say=_say)
    case_figures.print_case_figures(figures)
    return figures.status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1, help="share of the Licheng data set")
    parser.add_argument(
        "--clients", type=_bounded(int, 1, 64), default=8, help="the concurrent run's clients"
    )
    parser.add_argument(
        "--seconds", type=_bounded(float, 0.5, 60), default=5.0, help="length of each run"
    )
    parser.add_argument("--gateway-workers", type=_bounded(int, 1, 16), default=1)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="sample org and personnel with py-spy in more runs; writes .data/bench/*-profile.*",
    )
    sections = parser.add_mutually_exclusive_group()
    sections.add_argument(
        "--only",
        choices=[CASE_FIGURES, PLANNER],
        help="run only this section (no seeding, no servers)",
    )
    sections.add_argument(
        "--no-case-figures",
        action="store_true",
        help="skip the cases' figures over a million cases",
    )
    return parser


def _bounded(kind: Callable[[str], _N], low: _N, high: _N) -> Callable[[str], _N]:
    """An argparse type: a number of ``kind`` from ``low`` to ``high``."""

    def parse(text: str) -> _N:
        value = kind(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"from {low} to {high}, got {text}")
        return value

    return parse


def _serve_and_measure(args: argparse.Namespace, outcome: Outcome) -> None:
    database_url = OrgSettings().database_url
    outcome.notes.append(
        f"1-minute load average before the servers started: {os.getloadavg()[0]:.2f} on "
        f"{os.cpu_count()} cores (other work on the machine shares them with servers and clients)"
    )
    with contextlib.ExitStack() as stack:
        org = stack.enter_context(serving("org.app:app", {}))
        personnel = stack.enter_context(serving("personnel.app:app", {}))
        subgraphs = json.dumps({"org": org.url, "personnel": personnel.url})
        gateway = stack.enter_context(
            serving(
                "gateway.main:app", {"GATEWAY_SUBGRAPHS": subgraphs}, workers=args.gateway_workers
            )
        )
        postgraphile = _start_peer(stack, database_url, outcome)
        asyncio.run(_measure_all(args, outcome, org, personnel, gateway, postgraphile))


def _start_peer(stack: contextlib.ExitStack, database_url: str, outcome: Outcome) -> Served | None:
    """PostGraphile on org's database, or ``None`` with the reason noted."""
    found = peer.find()
    if isinstance(found, peer.Missing):
        outcome.peer_skipped = found.reason
        _say(f"the PostGraphile peer row is skipped: {found.reason}")
        return None
    log = OUTPUT_DIR / "postgraphile.log"
    try:
        served = stack.enter_context(peer.postgraphile(found, database_url, log=log))
    except StartError as error:
        outcome.peer_skipped = f"{error} (see {log})"
        outcome.failures.append(f"PostGraphile did not start: {error}\n{peer.log_tail(log)}")
        return None
    _say(f"PostGraphile {peer.VERSION} serves {peer.libpq_url(database_url)} at {served.url}")
    return served


async def _measure_all(
    args: argparse.Namespace,
    outcome: Outcome,
    org: Served,
    personnel: Served,
    gateway: Served,
    postgraphile: Served | None,
) -> None:
    auth = {"authorization": f"Bearer {_token()}"}
    try:
        async with session(4) as http:
            org_fetch, personnel_fetch = await _fetches(http, gateway, auth, outcome)
            answer = await fetch(http, Request(org.url, org_fetch, headers=auth))
            grids = [(grid["id"], grid["code"]) for grid in queries.grid_nodes(answer["data"])]
            await _ensure_teams(http, personnel, auth, grids, outcome)
            await _check_fairness(http, org, postgraphile, outcome)
    except AnswerError as error:
        outcome.failures.append(f"a setup request failed: {error}")
        return
    ids = queries.representations([grid_id for grid_id, _ in grids])
    runs = _runs(org, personnel, gateway, postgraphile, auth, org_fetch, personnel_fetch, ids)
    for key, name, target, request in runs:
        for clients in sorted({1, args.clients}):
            _say(f"{name.strip()} on {target}, {clients} client{'s' * (clients > 1)} ...")
            outcome.results[key, clients] = await measure(
                name, target, request, clients=clients, seconds=args.seconds
            )
    if args.profile:
        await _profile(args, outcome, "org", org.pid, runs[0][3])
        personnel_run = next(run for run in runs if run[0] == PERSONNEL_FETCH)
        await _profile(args, outcome, "personnel", personnel.pid, personnel_run[3])


def _runs(
    org: Served,
    personnel: Served,
    gateway: Served,
    postgraphile: Served | None,
    auth: dict[str, str],
    org_fetch: str,
    personnel_fetch: str,
    ids: list[dict[str, str]],
) -> list[tuple[str, str, str, Request]]:
    """(key, row name, target, request) of every measured run, in the table's order."""
    runs = [(ORG, "issue page", "org", Request(org.url, queries.ORG_PAGE))]
    if postgraphile is not None:
        runs.append(
            (PEER, "issue page", "PostGraphile", Request(postgraphile.url, queries.PEER_PAGE))
        )
    enriched = Request(gateway.url, queries.ENRICHED_PAGE, headers=auth)
    from_org = Request(org.url, org_fetch, headers=auth)
    from_personnel = Request(
        personnel.url, personnel_fetch, variables={"representations": ids}, headers=auth
    )
    return [
        *runs,
        (GATEWAY, "enriched page", "gateway", enriched),
        (ORG_FETCH, "  gateway's fetch from org", "org", from_org),
        (PERSONNEL_FETCH, "  gateway's fetch from personnel", "personnel", from_personnel),
    ]


async def _fetches(
    http: aiohttp.ClientSession, gateway: Served, auth: dict[str, str], outcome: Outcome
) -> tuple[str, str]:
    """What the gateway sends org and personnel for the enriched page, from its own plan."""
    planned = Request(
        gateway.url, queries.ENRICHED_PAGE, headers=auth, extensions={"queryPlan": True}
    )
    answer = await fetch(http, planned)
    fetches = queries.plan_fetches((answer.get("extensions") or {}).get("queryPlan"))
    if {"org", "personnel"} <= fetches.keys():
        outcome.notes.append(
            "the subgraph rows send the operations of the gateway's own plan for the enriched page"
        )
        return fetches["org"], fetches["personnel"]
    outcome.notes.append(
        "the gateway did not show its plan: the subgraph rows send the fetches it sent when "
        "this bench was written"
    )
    return queries.ORG_FETCH, queries.PERSONNEL_FETCH


async def _ensure_teams(
    http: aiohttp.ClientSession,
    personnel: Served,
    auth: dict[str, str],
    grids: list[tuple[str, str]],
    outcome: Outcome,
) -> None:
    headers = {"content-type": "application/json", **auth}
    try:
        added = await ensure_teams(http, personnel.url, headers, grids, say=_say)
    except TeamError as error:
        outcome.notes.append(f"grid teams could not be completed ({error}); measured as they are")
        return
    outcome.notes.append(
        "each measured grid has a leader and a grid worker in personnel "
        + (f"({added} roles given now)" if added else "(from an earlier run)")
    )


async def _check_fairness(
    http: aiohttp.ClientSession, org: Served, postgraphile: Served | None, outcome: Outcome
) -> None:
    """Both answers must carry the same 100 grids, or the comparison means nothing."""
    ours = (await fetch(http, Request(org.url, queries.ORG_PAGE)))["data"]
    counts = {"org": len(queries.grid_nodes(ours))}
    standards = {"org": queries.standards_count(ours)}
    if postgraphile is not None:
        theirs = (await fetch(http, Request(postgraphile.url, queries.PEER_PAGE)))["data"]
        counts["PostGraphile"] = len(queries.grid_nodes(theirs))
        standards["PostGraphile"] = queries.standards_count(theirs)
        if [g["code"] for g in queries.grid_nodes(ours)] != [
            g["code"] for g in queries.grid_nodes(theirs)
        ]:
            outcome.failures.append("org and PostGraphile answer different grids for the page")
    shown = ", ".join(f"{name} {count}" for name, count in counts.items())
    if set(counts.values()) != {queries.PAGE_SIZE}:
        outcome.failures.append(f"the page must carry {queries.PAGE_SIZE} grids; got {shown}")
    outcome.notes.append(f"grids per answer: {shown} (the first {queries.PAGE_SIZE} by code)")
    items = ", ".join(f"{name} {count}" for name, count in standards.items())
    why = "org judges all ten items of every grid"
    if postgraphile is not None:
        why += "; PostGraphile returns the stored confirmation rows"
    outcome.notes.append(f"standards items per answer: {items} ({why})")
    outcome.notes.append(
        "no response cache is involved (none exists in org, personnel, the gateway or this "
        "PostGraphile): every answer is read from PostgreSQL"
    )


async def _profile(
    args: argparse.Namespace, outcome: Outcome, name: str, pid: int, request: Request
) -> None:
    """One more run at ``--clients`` with py-spy sampling the service ``name``.

    It is a row of its own, so the sampler's pauses stay out of the rows the ratios use.
    """
    _say(f"profiling {name} with py-spy under {args.clients} clients ...")
    try:
        with sampling(pid, OUTPUT_DIR, name=name) as profiles:
            outcome.results[f"{PROFILED}-{name}", args.clients] = await measure(
                f"{name}, py-spy sampling",
                name,
                request,
                clients=args.clients,
                seconds=args.seconds,
            )
    except ProfileError as error:
        outcome.failures.append(f"no profile of {name}: {error}")
        return
    outcome.profiles[name] = profiles[0]


def _token() -> str:
    """A dev token for the personnel fields (personnel answers callers with a token only)."""
    return issue_dev_token(
        ServiceSettings(), subject="bench", name="Bench", roles=[Role.ADMIN.value], ttl_seconds=3600
    )


def _say(text: str) -> None:
    print(f"bench | {text}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
    sys.exit(130)
