"""``make up``: prepare the backing services, start every service, then the gateway.

Runs in the foreground until Ctrl-C or SIGTERM, which stop everything and
exit 0. A service that fails to start or dies stops the rest and the
launcher exits non-zero. Services not written yet are skipped with a note.
"""

from __future__ import annotations

import asyncio
import signal
import socket
from pathlib import Path

from infra.dev.components import GATEWAY, HOST, SERVICES, Component
from infra.dev.logs import write_log_config
from infra.dev.stack import DevSettings, Say, SetupError, Stack, prepare
from infra.dev.supervisor import Supervisor, uvicorn_args

ENDPOINTS = ("/graphql", "/healthz", "/readyz", "/metrics")


async def up(settings: DevSettings) -> int:
    """Run the stack until stopped; the exit status for the shell."""
    supervisor = Supervisor(label_width=max(len(c.name) for c in (*SERVICES, GATEWAY)))
    say = supervisor.say

    services = [s for s in SERVICES if _present(s, say)]
    if not services:
        say("no service exists on disk yet: nothing to run")
        return 1
    try:
        stack = await prepare(settings, services, say=say)
    except SetupError as exc:
        say(str(exc))
        return 1

    runnable = [s for s in services if _app_present(s, say)]
    gateway = GATEWAY if GATEWAY.on_disk() and _app_present(GATEWAY, say) else None
    if not runnable:
        say("databases are ready, but no service app exists yet: nothing to serve")
        return 1
    components = [*runnable, *([gateway] if gateway else [])]
    busy = [c.name for c in components if not _port_free(c)]
    if busy:
        say(f"ports already in use by another process for: {', '.join(busy)} (is a stack running?)")
        return 1
    try:
        log_configs = {c.name: write_log_config(c) for c in components}
    except ValueError as exc:  # a LOG_LEVEL that is no level
        say(str(exc))
        return 1
    return await _serve(supervisor, stack, runnable, gateway, log_configs)


async def _serve(
    supervisor: Supervisor,
    stack: Stack,
    services: list[Component],
    gateway: Component | None,
    log_configs: dict[str, Path],
) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        for service in services:
            await supervisor.start(
                service.name,
                uvicorn_args(
                    service.app, host=HOST, port=service.port, log_config=log_configs[service.name]
                ),
                env=stack.env_for(service),
            )
        checks = [supervisor.wait_healthy(s.name, s.url("/healthz")) for s in services]
        if not all(await asyncio.gather(*checks)):
            return 1
        if gateway is not None:
            await supervisor.start(
                gateway.name,
                uvicorn_args(
                    gateway.app, host=HOST, port=gateway.port, log_config=log_configs[gateway.name]
                ),
                env=stack.gateway_env(services),
            )
            if not await supervisor.wait_healthy(gateway.name, gateway.url("/healthz")):
                return 1
        _print_urls(supervisor, [*([gateway] if gateway else []), *services])
        return await supervisor.watch(stop)
    finally:
        supervisor.say("stopping")
        await supervisor.stop_all()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)


def _present(component: Component, say: Say) -> bool:
    if component.on_disk():
        return True
    say(f"{component.name}: {component.directory}/ does not exist yet, skipped")
    return False


def _app_present(component: Component, say: Say) -> bool:
    if component.app_on_disk():
        return True
    say(f"{component.name}: its app {component.app} is not written yet, not started")
    return False


def _port_free(component: Component) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As uvicorn binds: a port left in TIME_WAIT by a previous run counts as free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, component.port))
        except OSError:
            return False
        return True


def _print_urls(supervisor: Supervisor, components: list[Component]) -> None:
    supervisor.say("Pioneer Grid is up (Ctrl-C stops it):")
    for component in components:
        for endpoint in ENDPOINTS:
            supervisor.say(f"  {component.name:<10} {component.url(endpoint)}")
