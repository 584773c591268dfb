"""``python -m gateway``: serve the federated graph.

python -m gateway --supergraph supergraph.graphql
python -m gateway --subgraph org=http://127.0.0.1:4001/graphql --port 4000
"""

from __future__ import annotations

import argparse
import json
import os

from gridkit.web.serving import serve


def main(argv: list[str] | None = None) -> None:
    """Parse the options, put them in the environment for every worker, and serve."""
    parser = argparse.ArgumentParser(prog="python -m gateway", description=__doc__.splitlines()[1])
    parser.add_argument("--supergraph", help="supergraph SDL file (Apollo's format)")
    parser.add_argument(
        "--subgraph",
        action="append",
        default=[],
        metavar="NAME=URL",
        help="a subgraph to compose (repeatable)",
    )
    parser.add_argument("--config", help='JSON file: {"subgraphs": {"name": "url"}}')
    parser.add_argument("--host", default=None)
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--workers", type=int, default=1, help="worker processes")
    args = parser.parse_args(argv)

    subgraphs: dict[str, str] = {}
    if args.config:
        with open(args.config, encoding="utf-8") as config:
            subgraphs.update(json.load(config).get("subgraphs", {}))
    for item in args.subgraph:
        name, separator, url = item.partition("=")
        if not separator or not name or not url:
            parser.error(f"--subgraph takes NAME=URL, got {item!r}")
        subgraphs[name] = url
    # Workers are separate processes: they read their settings from the environment.
    if args.supergraph:
        os.environ["GATEWAY_SUPERGRAPH"] = os.path.abspath(args.supergraph)
    if subgraphs:
        os.environ["GATEWAY_SUBGRAPHS"] = json.dumps(subgraphs)
    if args.host:
        os.environ["GATEWAY_HOST"] = args.host
    if args.port:
        os.environ["GATEWAY_PORT"] = str(args.port)

    from gateway.config import GatewaySettings

    # JSON lines at LOG_LEVEL, as every process logs; WARNING drops the access log.
    serve(
        "gateway.main:app",
        GatewaySettings(),
        workers=args.workers,
        loop="uvloop",
        http="httptools",
    )


if __name__ == "__main__":
    main()
