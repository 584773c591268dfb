"""JWT bearer tokens: verified with a JWKS in production, a shared secret in dev."""

from __future__ import annotations

import time
from typing import Any

import jwt

from gridkit.auth.caller import Caller
from gridkit.errors import Unauthenticated
from gridkit.settings import ServiceSettings

ASYMMETRIC_ALGORITHMS = ["RS256", "ES256"]


class TokenVerifier:
    """Turns an ``Authorization`` header into a :class:`Caller`."""

    def __init__(self, settings: ServiceSettings) -> None:
        self._settings = settings
        self._jwks = jwt.PyJWKClient(settings.jwt_jwks_url) if settings.jwt_jwks_url else None

    def caller_from_header(self, authorization: str | None) -> Caller:
        """The caller named by a ``Bearer`` header; anonymous when there is none."""
        if not authorization:
            return Caller.anonymous()
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("The Authorization header must be 'Bearer <token>'.")
        return self.caller_from_token(token.strip())

    def caller_from_token(self, token: str) -> Caller:
        """Verify signature, expiry, issuer and audience, then read the claims."""
        try:
            claims = self._decode(token)
        except jwt.ExpiredSignatureError as exc:
            raise Unauthenticated("The token has expired; sign in again.") from exc
        except (jwt.InvalidTokenError, jwt.PyJWKClientError) as exc:
            raise Unauthenticated(f"The token is not valid: {exc}.") from exc
        roles = claims.get("roles", [])
        if not isinstance(roles, list):
            raise Unauthenticated("The token's 'roles' claim must be a list.")
        return Caller(
            subject=str(claims["sub"]),
            name=claims.get("name"),
            roles=frozenset(str(role) for role in roles),
            scope=str(claims.get("division", "")),
            pii=bool(claims.get("pii", False)),
            department=_optional_claim(claims, "department"),
            person=_optional_claim(claims, "person"),
        )

    def _decode(self, token: str) -> dict[str, Any]:
        options: jwt.types.Options = {"require": ["exp", "sub", "iss", "aud"]}
        if self._jwks is not None:
            key: Any = self._jwks.get_signing_key_from_jwt(token).key
            algorithms = ASYMMETRIC_ALGORITHMS
        else:
            key = self._settings.jwt_secret.get_secret_value()
            algorithms = ["HS256"]
        decoded: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=algorithms,
            audience=self._settings.jwt_audience,
            issuer=self._settings.jwt_issuer,
            options=options,
        )
        return decoded


def _optional_claim(claims: dict[str, Any], name: str) -> str | None:
    value = claims.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Unauthenticated(f"The token's {name!r} claim must be a string.")
    return value


def issue_dev_token(
    settings: ServiceSettings,
    *,
    subject: str,
    roles: list[str],
    division: str = "",
    pii: bool = False,
    name: str | None = None,
    ttl_seconds: int = 8 * 3600,
    department: str | None = None,
    person: str | None = None,
) -> str:
    """Sign a token with the dev secret (refused in production)."""
    if settings.env == "production":
        raise RuntimeError("dev tokens are not issued in production")
    now = int(time.time())
    claims: dict[str, Any] = {
        "sub": subject,
        "roles": roles,
        "division": division,
        "pii": pii,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + ttl_seconds,
    }
    if name:
        claims["name"] = name
    if department:
        claims["department"] = department
    if person:
        claims["person"] = person
    return jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm="HS256")
