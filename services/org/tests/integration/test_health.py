"""What ops see: liveness, readiness and metrics."""

from __future__ import annotations

from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually


async def test_healthz_answers_while_the_process_lives(org: GraphQLClient) -> None:
    response = await org.http.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_reports_database_migrations_and_nats(org: GraphQLClient) -> None:
    async def ready() -> bool:
        return (await org.http.get("/readyz")).status_code == 200

    await eventually(ready, within=10, what="org ready")
    body = (await org.http.get("/readyz")).json()
    assert body == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "nats": "ok"},
    }


async def test_metrics_count_graphql_requests(org: GraphQLClient) -> None:
    await org.data("{ divisions { totalCount } }")
    text = (await org.http.get("/metrics")).text
    assert 'pioneer_http_requests_total{path="/graphql",service="org",status="200"}' in text
