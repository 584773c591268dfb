"""Each family's operations are answered by the gateway exactly as by Apollo's gateway.

A family (``families/<family>/``) is a small supergraph built from SDL text and a data file,
served by ``python -m sdlsubgraphs`` (one process for the session, the selected families on
one port). Each family is composed once by Apollo's composer, in a background thread ahead of
need; then Apollo's gateway and the gateway under test are started on its supergraph
(together, to start sooner), and each ``operations/NNN_name`` request is sent to both: status
and body must match, as in ``test_differential.py``. Only one family's pair of gateways runs
at a time: the pair is a module-scoped fixture parametrized by family, so pytest groups the
items by family and stops one pair before starting the next. ``GATEWAY_UNDER_TEST_CMD``
replaces the gateway under test as in ``conftest.py``.

A family's ``known_differences.json`` names operations where Apollo's gateway is wrong: there
the answer must equal ``expected/NNN_name.json`` and Apollo's must still differ from it.
``test_every_family_is_well_formed`` checks the layout fixture authors follow. Each item
records both answers as user properties, which ``python -m sdlsubgraphs.check`` prints.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import shlex
import sys
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from gridkit.testing.federation import CompositionFailed, compose_with_apollo

from .conftest import (
    APOLLO_SCRIPT,
    DEFAULT_GATEWAY_CMD,
    FIXTURES_DIR,
    GATEWAY_CMD_ENV,
    STARTUP_TIMEOUT,
    _serve_gateway,
    _started,
)
from .test_differential import Answer, Operation, _explain, ask, load_operation

FAMILIES_DIR = Path(__file__).resolve().with_name("families")
OPERATION_NAME = re.compile(r"^\d{3}_[a-z0-9_]+$")
FAMILY_PARAM = "family_gateways"
"""The fixture the items are parametrized on (indirectly): its parameter is the family."""

APOLLO_COMMAND = (
    f"node {shlex.quote(str(APOLLO_SCRIPT))} --supergraph {{supergraph}} "
    "--host {host} --port {port} --exit-with-stdin"
)


# --- the families on disk --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    """One operation of a family, with what it must answer when Apollo's gateway is wrong."""

    family: str
    name: str
    operation: Operation | None
    """``None`` when the file could not be read; ``problem`` says why."""
    problem: str | None = None
    known_difference: str | None = None
    """Why Apollo's gateway is wrong here (``known_differences.json``), if it is."""

    @property
    def expected_path(self) -> Path:
        """Where the correct answer of a known difference is."""
        return FAMILIES_DIR / self.family / "expected" / f"{self.name}.json"


def family_dirs() -> list[Path]:
    """Every family folder, in name order."""
    if not FAMILIES_DIR.is_dir():
        return []
    return sorted(
        p for p in FAMILIES_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
    )


def operation_paths(family: Path) -> list[Path]:
    """A family's operation files, in name order."""
    folder = family / "operations"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in {".graphql", ".json"})


def _json_file(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def known_differences(family: Path) -> dict[str, str]:
    """``known_differences.json`` of a family (empty when absent or unreadable)."""
    path = family / "known_differences.json"
    try:
        known = _json_file(path)
    except (OSError, ValueError):
        return {}  # the well-formedness test reports an unreadable file
    return {str(k): str(v) for k, v in known.items()} if isinstance(known, dict) else {}


def family_cases(family: Path) -> Iterator[Case]:
    """A family's operations, each read or with the reason it could not be."""
    known = known_differences(family)
    for path in operation_paths(family):
        try:
            operation: Operation | None = load_operation(path)
            problem = None
        except (OSError, ValueError) as exc:  # e.g. a `# variables:` line that is not JSON
            operation, problem = None, f"cannot read {family.name}/operations/{path.name}: {exc}"
        yield Case(family.name, path.stem, operation, problem, known.get(path.stem))


def _params() -> list[Any]:
    return [
        pytest.param(case.family, case, id=f"{case.family}/{case.name}")
        for family in family_dirs()
        for case in family_cases(family)
    ]


def family_problems(family: Path) -> list[str]:
    """What is wrong with a family folder's layout (see the families' contract)."""
    problems: list[str] = []
    name = family.name

    def problem(text: str) -> None:
        problems.append(f"{name}: {text}")

    if not (family / "ABOUT.md").is_file():
        problem("ABOUT.md is missing")
    if not sorted((family / "subgraphs").glob("*.graphql")):
        problem("no subgraphs/*.graphql")
    try:
        if not isinstance(_json_file(family / "data.json"), dict):
            problem("data.json must hold a JSON object")
    except OSError:
        problem("data.json is missing")
    except ValueError as exc:
        problem(f"data.json is not JSON: {exc}")
    operations = operation_paths(family)
    if not operations:
        problem("no operations/NNN_name.graphql")
    for path in operations:
        if not OPERATION_NAME.match(path.stem):
            problem(f"operations/{path.name}: the name must be NNN_lower_case_name")
        if path.suffix == ".graphql" and not path.read_text(encoding="utf-8").startswith("#"):
            problem(f"operations/{path.name}: must start with a comment line saying why")
        try:
            load_operation(path)
        except ValueError as exc:
            problem(f"operations/{path.name}: cannot be read: {exc}")
    names = {path.stem for path in operations}
    known_path = family / "known_differences.json"
    known: dict[str, Any] = {}
    if known_path.exists():
        try:
            loaded = _json_file(known_path)
        except ValueError as exc:
            loaded = None
            problem(f"known_differences.json is not JSON: {exc}")
        if isinstance(loaded, dict) and all(isinstance(v, str) for v in loaded.values()):
            known = loaded
        elif loaded is not None:
            problem('known_differences.json must be {"NNN_name": "why Apollo is wrong"}')
    for operation in known:
        if operation not in names:
            problem(f"known_differences.json names {operation}, which is not an operation")
        expected = family / "expected" / f"{operation}.json"
        try:
            _json_file(expected)
        except OSError:
            problem(f"known difference {operation} has no expected/{operation}.json")
        except ValueError as exc:
            problem(f"expected/{operation}.json is not JSON: {exc}")
    for path in sorted((family / "expected").glob("*")):
        if path.stem not in known:
            problem(f"expected/{path.name} has no entry in known_differences.json")
    return problems


# --- the processes ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FamilySubgraphs:
    """The session's ``python -m sdlsubgraphs``: subgraph URLs by family, and failures."""

    urls: dict[str, dict[str, str]]
    errors: dict[str, str]


@dataclass(frozen=True, slots=True)
class FamilyGateways:
    """Apollo's gateway and the gateway under test, serving one family's supergraph."""

    family: str
    apollo_url: str
    gateway_url: str


def _selected_families(session: pytest.Session) -> list[str]:
    families: list[str] = []
    for item in session.items:
        callspec = getattr(item, "callspec", None)
        family = callspec.params.get(FAMILY_PARAM) if callspec is not None else None
        if isinstance(family, str) and family not in families:
            families.append(family)
    return families


@pytest.fixture(scope="session")
def family_subgraphs(
    request: pytest.FixtureRequest, node_prerequisites: None, log_dir: Path
) -> Iterator[FamilySubgraphs]:
    """``python -m sdlsubgraphs`` serving the families this run selected."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(FIXTURES_DIR), env.get("PYTHONPATH")]))
    families = ",".join(_selected_families(request.session))
    argv = [sys.executable, "-m", "sdlsubgraphs", "--families", families, "--exit-with-stdin"]
    process = _started("sdlsubgraphs", argv, log_dir, env)
    announced: dict[str, Any] = {}

    def serving() -> bool:
        for line in process.output().splitlines():
            if line.startswith('{"families"'):
                try:
                    announced.update(json.loads(line))
                except ValueError:  # the line is still being written
                    return False
                return True
        return False

    try:
        process.wait_until(serving, what="serving", within=STARTUP_TIMEOUT)
        yield FamilySubgraphs(announced["families"], announced.get("errors", {}))
    finally:
        process.stop()


ROUTING_PLACEHOLDER = "http://sdlsubgraphs.invalid"
"""The base URL composed in, replaced by where ``python -m sdlsubgraphs`` serves."""


def _placeholder_url(family: str, subgraph: str) -> str:
    return f"{ROUTING_PLACEHOLDER}/{family}/{subgraph}/graphql"


class Supergraphs:
    """Each selected family composed by Apollo's composer, in the background and in order.

    The composer needs no running subgraph, only each one's SDL (what ``_service { sdl }``
    answers: the file's text) and a routing URL, so the first family composes while the
    subgraph server starts and each next one while the previous family's items run.
    """

    def __init__(self, families: list[str]) -> None:
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="compose")
        self._futures = {family: self._pool.submit(self._compose, family) for family in families}

    @staticmethod
    def _compose(family: str) -> str:
        folder = FAMILIES_DIR / family / "subgraphs"
        return compose_with_apollo(
            {
                path.stem: (_placeholder_url(family, path.stem), path.read_text(encoding="utf-8"))
                for path in sorted(folder.glob("*.graphql"))
            }
        )

    def write(self, family: str, urls: dict[str, str], folder: Path) -> Path:
        """The family's supergraph routed to ``urls``, written in ``folder``."""
        try:
            supergraph = self._futures[family].result()
        except CompositionFailed as exc:
            pytest.fail(f"family {family} does not compose:\n{exc}", pytrace=False)
        for subgraph, url in urls.items():
            supergraph = supergraph.replace(f'"{_placeholder_url(family, subgraph)}"', f'"{url}"')
        path = folder / "supergraph.graphql"
        path.write_text(supergraph, encoding="utf-8")
        return path

    def close(self) -> None:
        """Drop the compositions not started yet and wait for the one running."""
        self._pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def supergraphs(request: pytest.FixtureRequest, node_prerequisites: None) -> Iterator[Supergraphs]:
    """The selected families' compositions, started before anything waits for them."""
    composing = Supergraphs(_selected_families(request.session))
    try:
        yield composing
    finally:
        composing.close()


def _serve_together(servers: dict[str, Iterator[str]]) -> tuple[dict[str, str], Callable[[], None]]:
    """Start conftest's ``_serve_gateway`` generators at once; their URLs, and a stop."""

    def stop() -> None:
        # Closing one runs its `finally`: its process is stopped, each wait bounded.
        with concurrent.futures.ThreadPoolExecutor(len(servers)) as pool:
            for server in servers.values():
                if isinstance(server, Generator):
                    pool.submit(server.close)

    pool = concurrent.futures.ThreadPoolExecutor(len(servers), thread_name_prefix="start")
    try:
        started = {name: pool.submit(next, server) for name, server in servers.items()}
        concurrent.futures.wait(started.values())  # Ctrl-C may land here, or SIGTERM
        urls = {name: future.result() for name, future in started.items()}
    except BaseException:
        # Let the starts end (each bounded) so that no generator runs while being closed.
        pool.shutdown(wait=True)
        stop()
        raise
    pool.shutdown()
    return urls, stop


@pytest.fixture(scope="module")
def family_gateways(
    request: pytest.FixtureRequest,
    supergraphs: Supergraphs,
    family_subgraphs: FamilySubgraphs,
    log_dir: Path,
) -> Iterator[FamilyGateways]:
    """Both gateways over the family's supergraph (the family is the fixture's parameter)."""
    family: str = request.param
    if family in family_subgraphs.errors:
        pytest.fail(
            f"family {family} cannot be served: {family_subgraphs.errors[family]}", pytrace=False
        )
    folder = log_dir / family
    folder.mkdir(exist_ok=True)
    supergraph = supergraphs.write(family, family_subgraphs.urls[family], folder)
    command = os.environ.get(GATEWAY_CMD_ENV) or DEFAULT_GATEWAY_CMD
    urls, stop = _serve_together(
        {
            "apollo": _serve_gateway(
                f"{family}/apollo-gateway", APOLLO_COMMAND, supergraph, log_dir
            ),
            "gateway": _serve_gateway(f"{family}/gateway-under-test", command, supergraph, log_dir),
        }
    )
    try:
        yield FamilyGateways(family, urls["apollo"], urls["gateway"])
    finally:
        stop()


# --- the tests -------------------------------------------------------------------------------


@pytest.mark.differential
@pytest.mark.parametrize((FAMILY_PARAM, "case"), _params(), indirect=[FAMILY_PARAM], scope="module")
def test_family_operation_matches_apollo_gateway(
    family_gateways: FamilyGateways,
    case: Case,
    http: httpx.Client,
    record_property: Callable[[str, object], None],
) -> None:
    if case.operation is None:
        pytest.fail(case.problem or "the operation could not be read", pytrace=False)
    operation = case.operation
    apollo = ask(http, family_gateways.apollo_url, operation)
    ours = ask(http, family_gateways.gateway_url, operation)
    record_property("apollo", str(apollo))
    record_property("gateway", str(ours))
    if case.known_difference is not None:
        expected = json.loads(case.expected_path.read_text(encoding="utf-8"))
        wanted = Answer(200, json.dumps(expected, indent=2, ensure_ascii=False))
        record_property("expected", str(wanted))
        assert ours == wanted, _explain(operation, wanted, ours)
        assert apollo != wanted, "Apollo's gateway now agrees: drop the known difference"
        return
    if ours != apollo:
        pytest.fail(_explain(operation, apollo, ours), pytrace=False)


def test_every_family_is_well_formed() -> None:
    problems = [problem for family in family_dirs() for problem in family_problems(family)]
    assert not problems, "families break the layout:\n" + "\n".join(problems)
