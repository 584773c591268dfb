"""What the end-to-end tests share: the gateway as one caller sees it, and valid ID numbers."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from personnel.domain.national_id import national_id_check_character


class Gateway:
    """The gateway as one caller sees it: a bearer token on every request."""

    def __init__(self, http: httpx.AsyncClient, token: str) -> None:
        self.http = http
        self.headers = {"authorization": f"Bearer {token}"}

    async def body(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=self.headers
        )
        assert response.status_code == 200, response.text
        return response.json()

    async def data(self, query: str, variables: dict[str, Any] | None = None) -> Any:
        body = await self.body(query, variables)
        assert "errors" not in body, body["errors"]
        return body["data"]


def national_id(born: date, sequence: int) -> str:
    """A valid resident ID number (region 370112) for a birth date and a sequence number."""
    body = f"370112{born:%Y%m%d}{sequence:03d}"
    return body + national_id_check_character(body)
