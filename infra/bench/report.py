"""The printed report: the table of runs, the ratios the issue sets targets for, the notes.

The ratios (issue "Subgraphs as fast as GraphQL over PostgreSQL gets"):

- org's throughput at many clients ÷ PostGraphile's on the same page and database
  (target ≥ 0.25, aim 0.5): how much of the peer's capacity one org process has;
- org's median latency at one client ÷ PostGraphile's (target ≤ 5): what one request costs;
- the gateway's median latency for the enriched page ÷ the slowest subgraph's for its own
  fetch of that page (target ≤ 1.15): what federation adds on top of the subgraphs.

A ratio never fails the bench: timings vary with the machine. Errors do (see ``Outcome``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from infra.bench.load import Result
from infra.bench.profiling import Profile

ORG, PEER, GATEWAY = "org", "peer", "gateway"
ORG_FETCH, PERSONNEL_FETCH = "org-fetch", "personnel-fetch"
PROFILED = "profiled"
"""Prefix of the profiled runs' keys (``profiled-org``, ``profiled-personnel``)."""


@dataclass
class Outcome:
    """Everything one bench run measured and noticed."""

    clients: int
    seconds: float
    results: dict[tuple[str, int], Result] = field(default_factory=dict)
    """(run key, clients) → result; keys are the module's constants."""
    notes: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    """What makes the figures meaningless or the run incomplete: the bench exits non-zero."""
    peer_skipped: str | None = None
    profiles: dict[str, Profile] = field(default_factory=dict)
    """Service name → its py-spy profile (``--profile``)."""

    def result(self, key: str, clients: int) -> Result | None:
        """The run ``key`` at ``clients`` clients, if it ran."""
        return self.results.get((key, clients))

    @property
    def errors(self) -> int:
        """Error answers over every measured run."""
        return sum(r.errors for r in self.results.values())

    @property
    def status(self) -> int:
        """The exit status: 0 unless something failed or answered with errors."""
        return 1 if self.failures or self.errors else 0


@dataclass(frozen=True)
class Ratio:
    """One ratio with its target; ``value`` is ``None`` when a run it needs is missing."""

    label: str
    value: float | None
    target: str
    met: Callable[[float], bool]
    detail: str = ""

    @property
    def verdict(self) -> str:
        """``pass``, ``miss`` or ``n/a``."""
        if self.value is None:
            return "n/a"
        return "pass" if self.met(self.value) else "miss"


def print_report(outcome: Outcome, *, header: str) -> None:
    """Print the table, the ratios, the notes, the profile and, last, any failure."""
    print(f"\n{header}\n")
    _print_table(outcome)
    print("\nratios, with the issue's targets (timings never fail the bench)\n")
    for ratio in ratios(outcome):
        shown = "n/a" if ratio.value is None else f"{ratio.value:.2f}"
        print(f"  {ratio.label:<52} {shown:>6}   {ratio.target:<24} {ratio.verdict}")
        if ratio.detail:
            for line in ratio.detail.splitlines():
                print(f"      {line}")
    print()
    for note in outcome.notes:
        print(f"- {note}")
    for name, profile in outcome.profiles.items():
        print(f"\nprofile of {name} under {outcome.clients} clients (py-spy)\n")
        print(profile.summary)
        print(f"flame graph: {profile.svg}")
        print(f"text:        {profile.text}")
        print(f"raw stacks:  {profile.raw}")
    if outcome.errors:
        print(f"\n{outcome.errors} error answers in the measured runs: the figures are meaningless")
    for failure in outcome.failures:
        print(f"\nFAILED: {failure}")


def _print_table(outcome: Outcome) -> None:
    header = (
        f"{'run':<33} {'target':<13} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'KiB':>6} {'errors':>6}"
    )
    print(header)
    print("-" * len(header))
    for result in outcome.results.values():
        print(
            f"{result.name:<33} {result.target:<13} {result.clients:>7} "
            f"{result.per_second:>8.1f} {result.p50_ms:>8.1f} {result.p95_ms:>8.1f} "
            f"{result.bytes_per_answer / 1024:>6.1f} {result.errors:>6}"
        )
    if outcome.peer_skipped:
        print(f"{'issue page':<33} {'PostGraphile':<13} skipped: {outcome.peer_skipped}")
    for result in outcome.results.values():
        if result.first_error:
            print(f"  first error of {result.name} ({result.target}): {result.first_error}")


def ratios(outcome: Outcome) -> list[Ratio]:
    """The three ratios the issue sets targets for."""
    many = outcome.clients
    org_many, peer_many = outcome.result(ORG, many), outcome.result(PEER, many)
    org_one, peer_one = outcome.result(ORG, 1), outcome.result(PEER, 1)
    throughput = (
        org_many.per_second / peer_many.per_second
        if org_many and peer_many and peer_many.per_second
        else None
    )
    latency = org_one.p50_ms / peer_one.p50_ms if org_one and peer_one and peer_one.p50_ms else None
    overhead, detail = _gateway_overhead(outcome)
    return [
        Ratio(
            f"org ÷ PostGraphile, req/s at {many} clients",
            throughput,
            "target ≥ 0.25 (aim 0.5)",
            lambda v: v >= 0.25,
            _aim(throughput),
        ),
        Ratio("org ÷ PostGraphile, p50 at 1 client", latency, "target ≤ 5", lambda v: v <= 5),
        Ratio(
            "gateway ÷ slowest subgraph, p50 at 1 client",
            overhead,
            "target ≤ 1.15",
            lambda v: v <= 1.15,
            detail,
        ),
    ]


def _aim(throughput: float | None) -> str:
    if throughput is None or throughput < 0.25:
        return ""
    return "aim 0.5 reached" if throughput >= 0.5 else "aim 0.5 not reached yet"


def _gateway_overhead(outcome: Outcome) -> tuple[float | None, str]:
    """Gateway p50 ÷ max(subgraph p50) at one client, and what lies behind it."""
    lines = []
    value: float | None = None
    for clients in (1, outcome.clients):
        gateway = outcome.result(GATEWAY, clients)
        org = outcome.result(ORG_FETCH, clients)
        personnel = outcome.result(PERSONNEL_FETCH, clients)
        if not (gateway and org and personnel) or not max(org.p50_ms, personnel.p50_ms):
            continue
        slowest, name = max((org.p50_ms, "org"), (personnel.p50_ms, "personnel"))
        ratio = gateway.p50_ms / slowest
        value = ratio if clients == 1 else value
        both = org.p50_ms + personnel.p50_ms
        lines.append(
            f"{clients} client{'s' if clients > 1 else ''}: gateway {gateway.p50_ms:.1f} ms, "
            f"org's fetch {org.p50_ms:.1f} ms, personnel's {personnel.p50_ms:.1f} ms: the gateway "
            f"adds {ratio - 1:.0%} to the slowest subgraph's ({name}) latency"
        )
        if clients == 1:  # with one client nothing queues, so the times add up
            lines.append(
                f"   the plan fetches org, then personnel with org's ids: the two fetches alone "
                f"take {both / slowest:.2f}× the slowest; the gateway's own share is "
                f"{gateway.p50_ms - both:.1f} ms"
            )
    return value, "\n".join(lines)
