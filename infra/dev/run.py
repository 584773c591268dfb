"""``make seed``, ``make bench``, ``make token``: one module run with the stack's environment.

The module gets every service's database URL (``ORG_DATABASE_URL`` ...) and
``NATS_URL``, after the same preparation as ``make up`` (servers, databases,
migrations), unless ``bare`` is set.
"""

from __future__ import annotations

import asyncio
import importlib.util
import subprocess
import sys
from collections.abc import Sequence

from infra.dev.components import ROOT, SERVICES
from infra.dev.stack import DevSettings, SetupError, prepare
from infra.dev.supervisor import process_env


def module_exists(module: str) -> bool:
    """Whether ``python -m module`` would find something to run."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # its parent package is missing too
        return False


def run_module(settings: DevSettings, module: str, args: Sequence[str], *, bare: bool) -> int:
    """Run ``python -m module args``; its exit status, or 2 when the module does not exist."""
    if not module_exists(module):
        _say(f"{module} does not exist yet: nothing to run")
        return 2
    env: dict[str, str] = {}
    if not bare:
        services = [s for s in SERVICES if s.on_disk()]
        try:
            stack = asyncio.run(prepare(settings, services, say=_say))
        except SetupError as exc:
            _say(str(exc))
            return 1
        env = stack.env_for_all(services)
    # Foreground tool: it shares the terminal, and Ctrl-C reaches it directly.
    completed = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=process_env(env), check=False
    )
    return completed.returncode


def _say(text: str) -> None:
    # stderr, so a tool's own output (a token, a table) can be piped or captured cleanly.
    print(f"dev | {text}", file=sys.stderr, flush=True)
