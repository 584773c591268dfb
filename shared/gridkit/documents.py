"""An aggregate stored as one JSON document: its state in a JSONB column beside key columns.

An aggregate whose parts are read and written together (a team and its memberships, an
activity and its shifts and sign-ups) needs no table per part: the repository keeps the
columns that queries and constraints use, and the whole state as a document. pydantic reads
the dataclass's own type hints, so the document follows the domain without a mapping written
by hand: UUIDs, moments, decimals and enums become JSON, and come back as they were, through
the dataclass's own checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import TypeAdapter

from gridkit.domain import Aggregate
from gridkit.repository import Repository

A = TypeVar("A", bound=Aggregate)

_COLUMNS = frozenset({"id", "version"})
"""Stored in columns of their own."""
_BOOKKEEPING = frozenset({"persisted_version", "pending_events"})
"""What the unit of work keeps while the aggregate is loaded; never stored."""


class AggregateDocuments(Generic[A]):
    """Turns aggregates of one type into JSON documents and back."""

    def __init__(self, aggregate_type: type[A]) -> None:
        self._adapter: TypeAdapter[A] = TypeAdapter(aggregate_type)

    def dump(self, aggregate: A) -> dict[str, Any]:
        """The aggregate's state, without its id, version and bookkeeping."""
        document: dict[str, Any] = self._adapter.dump_python(
            aggregate, mode="json", exclude=set(_COLUMNS | _BOOKKEEPING)
        )
        return document

    def load(self, document: Mapping[str, Any], *, id: Any, version: int) -> A:
        """The aggregate stored as ``document`` under ``id`` at ``version``."""
        aggregate = self._adapter.validate_python({**document, "id": id, "version": version})
        aggregate.persisted_version = version
        return aggregate


class DocumentRepository(Repository[A, Any]):
    """A repository whose rows hold ``id``, ``version``, ``state`` (the aggregate as a
    document) and the key columns :meth:`columns` names."""

    documents: ClassVar[AggregateDocuments[Any]]

    def to_domain(self, row: Any) -> A:
        """The aggregate stored in ``row``."""
        aggregate: A = self.documents.load(row.state, id=row.id, version=row.version)
        return aggregate

    def values(self, aggregate: A) -> Mapping[str, Any]:
        """The document and the key columns."""
        return {"state": self.documents.dump(aggregate), **self.columns(aggregate)}

    def columns(self, aggregate: A) -> Mapping[str, Any]:
        """The columns beside the document that queries and constraints read (override)."""
        return {}
