"""The behaviour every vectors backend must have, as a pytest test-class mixin.

Subclass ``VectorStoreContract`` and provide a ``store`` fixture. Each test works
in fresh collections named by the ``name`` fixture (removed afterwards), so a
shared real server can run the suite. Vectors are small and hand-made, so the
nearest neighbour of every query is known.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from platform_core.backends.vectors.base import (
    CollectionNotFound,
    DimensionMismatch,
    FilterOp,
    MetadataFilter,
    VectorRecord,
    VectorStore,
    VectorStoreError,
)


def usable_or_skip(store: VectorStore) -> VectorStore:
    """The store, or a skipped test where its server lacks it (Debian's PostgreSQL 15 has
    no pgvector package)."""
    try:
        store.health()
    except VectorStoreError as exc:
        pytest.skip(str(exc))
    return store


def unit(*values: float) -> list[float]:
    norm = math.sqrt(sum(value * value for value in values))
    return [value / norm for value in values]


def ids(hits: list[Any]) -> list[int]:
    return [hit.id for hit in hits]


FRUIT = [
    VectorRecord(1, unit(1, 0, 0), "apple", {"kind": "fruit", "price": 3, "day": "2025-01-05"}),
    VectorRecord(2, unit(0.9, 0.1, 0), "pear", {"kind": "fruit", "price": 5, "day": "2025-02-10"}),
    VectorRecord(3, unit(0, 1, 0), "car", {"kind": "vehicle", "price": 20000, "new": True}),
    VectorRecord(4, unit(0, 0.9, 0.1), "bus", {"kind": "vehicle", "price": "n/a", "new": False}),
    VectorRecord(5, unit(0, 0, 1), "cloud", {"kind": None, "tags": ["sky", "白"]}),
]


class VectorStoreContract:
    @pytest.fixture
    def name(self, store: VectorStore) -> Iterator[str]:
        name = f"contract_{uuid.uuid4().hex[:12]}"
        yield name
        store.delete_collection(name)

    @pytest.fixture
    def fruit(self, store: VectorStore, name: str) -> str:
        store.create_collection(name, 3)
        store.add(name, FRUIT)
        return name

    def search(self, store: VectorStore, name: str, *filters: MetadataFilter, k: int = 5) -> Any:
        return store.search(name, unit(1, 0, 0), k, filters)

    # --- collections and records ---------------------------------------------------------

    def test_nearest_first_with_cosine_scores(self, store: VectorStore, fruit: str) -> None:
        hits = store.search(fruit, unit(1, 0.05, 0), 3)

        assert ids(hits) == [1, 2, 3]
        assert hits[0].score > hits[1].score > hits[2].score
        assert hits[0].score == pytest.approx(0.9988, abs=1e-3)
        assert (hits[0].text, hits[0].metadata) == ("apple", FRUIT[0].metadata)

    def test_an_identical_vector_scores_one(self, store: VectorStore, fruit: str) -> None:
        assert store.search(fruit, unit(0, 0, 1), 1)[0].score == pytest.approx(1.0, abs=1e-5)

    def test_top_k_limits_the_hits(self, store: VectorStore, fruit: str) -> None:
        assert len(store.search(fruit, unit(1, 1, 1), 2)) == 2
        assert len(store.search(fruit, unit(1, 1, 1), 50)) == 5

    def test_count(self, store: VectorStore, fruit: str) -> None:
        assert store.count(fruit) == 5

    def test_metadata_round_trips(self, store: VectorStore, fruit: str) -> None:
        cloud = store.search(fruit, unit(0, 0, 1), 1)[0]

        assert cloud.metadata == {"kind": None, "tags": ["sky", "白"]}

    def test_adding_an_existing_id_replaces_it(self, store: VectorStore, fruit: str) -> None:
        store.add(fruit, [VectorRecord(5, unit(-1, 0, 0), "red apple", {"kind": "fruit"})])

        hits = store.search(fruit, unit(-1, 0, 0), 1)
        assert store.count(fruit) == 5
        assert (hits[0].id, hits[0].text, hits[0].metadata) == (5, "red apple", {"kind": "fruit"})

    def test_creating_again_empties_the_collection(self, store: VectorStore, fruit: str) -> None:
        store.create_collection(fruit, 2)

        assert store.count(fruit) == 0
        store.add(fruit, [VectorRecord(1, unit(1, 1), "two-d")])
        assert ids(store.search(fruit, unit(1, 1), 5)) == [1]

    def test_collections_are_separate(self, store: VectorStore, fruit: str) -> None:
        other = f"{fruit}_b"
        store.create_collection(other, 3)
        try:
            store.add(other, [VectorRecord(1, unit(0, 1, 0), "other")])
            assert store.count(other) == 1
            assert store.search(fruit, unit(0, 1, 0), 1)[0].text == "car"
        finally:
            store.delete_collection(other)

    def test_missing_collections(self, store: VectorStore, name: str) -> None:
        with pytest.raises(CollectionNotFound):
            store.search(name, unit(1, 0, 0), 1)
        with pytest.raises(CollectionNotFound):
            store.add(name, [VectorRecord(1, unit(1, 0, 0), "x")])
        with pytest.raises(CollectionNotFound):
            store.count(name)
        store.delete_collection(name)  # deleting a missing collection is not an error

    def test_delete_collection(self, store: VectorStore, fruit: str) -> None:
        store.delete_collection(fruit)

        with pytest.raises(CollectionNotFound):
            store.count(fruit)

    def test_dimensions_must_match(self, store: VectorStore, fruit: str) -> None:
        with pytest.raises(DimensionMismatch):
            store.add(fruit, [VectorRecord(9, unit(1, 0), "short")])
        with pytest.raises(DimensionMismatch):
            store.search(fruit, unit(1, 0, 0, 0), 1)
        assert store.count(fruit) == 5

    @pytest.mark.parametrize("bad", ["", "Upper", "1st", "a-b", "a" * 41, "x; drop table y"])
    def test_invalid_collection_names(self, store: VectorStore, bad: str) -> None:
        with pytest.raises(ValueError):
            store.create_collection(bad, 3)

    def test_invalid_top_k(self, store: VectorStore, fruit: str) -> None:
        with pytest.raises(ValueError):
            store.search(fruit, unit(1, 0, 0), 0)

    # --- filters -------------------------------------------------------------------------

    @pytest.mark.parametrize(
        ("key", "value", "expected"),
        [
            ("kind", "vehicle", [3, 4]),
            ("price", 5, [2]),
            ("price", 5.0, [2]),
            ("new", True, [3]),
            ("kind", None, [5]),
            ("missing", "x", []),
        ],
    )
    def test_equality_filter(
        self, store: VectorStore, fruit: str, key: str, value: Any, expected: list[int]
    ) -> None:
        hits = self.search(store, fruit, MetadataFilter(key, FilterOp.EQ, value))

        assert sorted(ids(hits)) == expected

    def test_in_filter(self, store: VectorStore, fruit: str) -> None:
        hits = self.search(store, fruit, MetadataFilter("price", FilterOp.IN, (3, 20000, "n/a")))

        assert sorted(ids(hits)) == [1, 3, 4]

    def test_range_filters_compare_numbers(self, store: VectorStore, fruit: str) -> None:
        at_least_5 = MetadataFilter("price", FilterOp.GTE, 5)
        at_most_100 = MetadataFilter("price", FilterOp.LTE, 100)

        assert sorted(ids(self.search(store, fruit, at_least_5))) == [2, 3]
        assert sorted(ids(self.search(store, fruit, at_least_5, at_most_100))) == [2]

    def test_range_filters_compare_strings(self, store: VectorStore, fruit: str) -> None:
        since_february = MetadataFilter("day", FilterOp.GTE, "2025-02-01")
        upto_n = MetadataFilter("price", FilterOp.LTE, "z")  # only the string price matches

        assert ids(self.search(store, fruit, since_february)) == [2]
        assert ids(self.search(store, fruit, upto_n)) == [4]

    @pytest.mark.parametrize(
        "bad",
        [
            MetadataFilter("price", FilterOp.IN, ()),
            MetadataFilter("price", FilterOp.GTE, True),
            MetadataFilter("price", FilterOp.LTE, None),
            MetadataFilter("price", FilterOp.EQ, (1, 2)),
            MetadataFilter("", FilterOp.EQ, 1),
        ],
    )
    def test_invalid_filters(self, store: VectorStore, fruit: str, bad: MetadataFilter) -> None:
        with pytest.raises(ValueError):
            self.search(store, fruit, bad)

    def test_a_selective_filter_still_fills_top_k(self, store: VectorStore, name: str) -> None:
        rng = random.Random(7)
        store.create_collection(name, 8)
        records = [
            VectorRecord(
                n,
                unit(*(rng.uniform(-1, 1) for _ in range(8))),
                f"item {n}",
                {"rare": n % 50 == 0},
            )
            for n in range(1, 1001)
        ]
        store.add(name, records)

        hits = store.search(
            name, records[0].vector, 20, [MetadataFilter("rare", FilterOp.EQ, True)]
        )

        assert sorted(ids(hits)) == list(range(50, 1001, 50))
        assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)

    # --- health --------------------------------------------------------------------------

    def test_health(self, store: VectorStore) -> None:
        assert store.health() is None
