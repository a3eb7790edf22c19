"""The vectors backend kind: named collections of embedded texts, searched by similarity.

Implementations take and return the plain dataclasses below, never SDK objects,
and raise the errors below, never SDK or database errors. Scores are cosine
similarities (1 is identical, higher is nearer).
"""

from __future__ import annotations

import abc
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

_COLLECTION_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
MAX_DIMENSIONS = 2000  # pgvector's limit for an indexed vector column
#: Metadata values a filter compares with: JSON scalars.
Scalar = str | int | float | bool | None


class VectorStoreError(Exception):
    """Base class of every error a vectors backend raises."""


class CollectionNotFound(VectorStoreError):
    def __init__(self, name: str) -> None:
        super().__init__(f"Vector collection {name!r} does not exist.")
        self.name = name


class DimensionMismatch(VectorStoreError, ValueError):
    pass


class FilterOp(StrEnum):
    EQ = "eq"
    IN = "in"
    GTE = "gte"
    LTE = "lte"


@dataclass(frozen=True)
class MetadataFilter:
    """``metadata[key] <op> value``. ``gte``/``lte`` compare numbers with numbers and
    strings with strings (so ISO dates work); a value of another type never matches."""

    key: str
    op: FilterOp
    value: Scalar | tuple[Scalar, ...]


@dataclass(frozen=True)
class VectorRecord:
    id: int
    vector: Sequence[float]
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchHit:
    id: int
    score: float
    text: str
    metadata: dict[str, Any]


def validate_collection_name(name: str) -> str:
    if not isinstance(name, str) or not _COLLECTION_NAME.fullmatch(name):
        raise ValueError(
            f"Collection name {name!r} must be 1-40 lowercase letters, digits or '_', "
            "starting with a letter."
        )
    return name


def is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def validate_filter(item: MetadataFilter) -> MetadataFilter:
    """Raise ValueError, with a message fit for API users, unless the filter is well formed."""
    if not isinstance(item.key, str) or not item.key:
        raise ValueError("A filter needs a metadata key.")
    if item.op == FilterOp.IN:
        if (
            not isinstance(item.value, tuple)
            or not item.value
            or not all(map(is_scalar, item.value))
        ):
            raise ValueError(
                f"Filter 'in' on {item.key!r} needs one or more values, "
                "each a string, number, boolean or null."
            )
    elif item.op in (FilterOp.GTE, FilterOp.LTE):
        if isinstance(item.value, bool) or not isinstance(item.value, int | float | str):
            raise ValueError(f"Filter '{item.op}' on {item.key!r} needs a number or a string.")
    elif not is_scalar(item.value):
        raise ValueError(f"Filter 'eq' on {item.key!r} needs a single value.")
    return item


def validate_dimensions(dimensions: int) -> int:
    if not 1 <= dimensions <= MAX_DIMENSIONS:
        raise DimensionMismatch(f"Dimensions must be between 1 and {MAX_DIMENSIONS}.")
    return dimensions


class VectorStore(abc.ABC):
    #: Short name recorded on each collection, so a platform switched to another
    #: backend can tell which collections it cannot serve.
    name: str

    @abc.abstractmethod
    def create_collection(self, name: str, dimensions: int) -> None:
        """Create an empty collection, replacing any previous one of that name."""

    @abc.abstractmethod
    def add(self, name: str, records: Sequence[VectorRecord]) -> None:
        """Add records; an id already in the collection is replaced."""

    @abc.abstractmethod
    def search(
        self,
        name: str,
        vector: Sequence[float],
        top_k: int,
        filters: Sequence[MetadataFilter] = (),
    ) -> list[SearchHit]:
        """The ``top_k`` records nearest to ``vector`` that match every filter, nearest first."""

    @abc.abstractmethod
    def count(self, name: str) -> int: ...

    @abc.abstractmethod
    def delete_collection(self, name: str) -> None:
        """Delete the collection; deleting a missing one is not an error."""

    @abc.abstractmethod
    def health(self) -> None:
        """Raise VectorStoreError if the store cannot be used."""
