"""Every pipeline step on Arrow chunks, without a database: results, chunk independence,
null handling and the memory-bounded paths (drop_duplicates, sample by n)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa
import pytest

from data_platform.services.pipeline.io import rechunk
from data_platform.services.pipeline.schema import from_arrow, from_version
from data_platform.services.pipeline.spec import Pipeline, StepFailed, build_pipeline

PRIMARY, OTHER = 1, 2

PEOPLE = pa.table(
    {
        "id": [1, 2, 3, 4, 5, 6],
        "name": ["ada", "grace", "linus", None, "ada", "barbara"],
        "age": [36, 45, None, 29, 36, 51],
        "city": ["london", "new york", "helsinki", "paris", "london", None],
    }
)
CITIES = pa.table(
    {
        "city": ["london", "paris", "london", "tokyo"],
        "country": ["uk", "fr", "uk-dup", "jp"],
        "name": ["L", "P", "L2", "T"],
    }
)


class Tables:
    """The runtime the steps see, over in-memory tables."""

    def __init__(self, tables: dict[int, pa.Table]) -> None:
        self.tables = tables

    def load_version(self, version_id: int) -> pa.Table:
        return self.tables[version_id]


def schema_of(table: pa.Table) -> dict[str, str]:
    return from_version(from_arrow(table.schema))


def build(
    steps: list[dict[str, Any]], table: pa.Table = PEOPLE, other: pa.Table | None = None
) -> Pipeline:
    inputs = {PRIMARY: schema_of(table)}
    if other is not None:
        inputs[OTHER] = schema_of(other)
    return build_pipeline({"steps": steps}, inputs, PRIMARY)


def run(
    steps: list[dict[str, Any]],
    table: pa.Table = PEOPLE,
    chunk_rows: int = 2,
    other: pa.Table | None = None,
) -> pa.Table:
    pipeline = build(steps, table, other)
    chunks = list(
        pipeline.run(
            rechunk(iter([table.schema.empty_table(), table]), chunk_rows),
            Tables({OTHER: other} if other is not None else {}),
        )
    )
    assert chunks, "every step passes at least one chunk on"
    result = pa.concat_tables(chunks)
    assert list(result.schema.names) == list(pipeline.output_schema)
    return result


def column(table: pa.Table, name: str) -> list[Any]:
    return table[name].to_pylist()


# --- select and rename ----------------------------------------------------------------------


def test_select_keeps_the_named_columns_in_the_given_order() -> None:
    result = run([{"op": "select", "columns": ["city", "id"]}])

    assert result.column_names == ["city", "id"]
    assert column(result, "id") == [1, 2, 3, 4, 5, 6]


def test_rename_changes_only_the_named_columns() -> None:
    result = run([{"op": "rename", "columns": {"name": "person", "age": "years"}}])

    assert result.column_names == ["id", "person", "years", "city"]
    assert column(result, "person")[:2] == ["ada", "grace"]


def test_later_steps_see_the_renamed_columns() -> None:
    result = run(
        [
            {"op": "rename", "columns": {"name": "person"}},
            {"op": "select", "columns": ["person"]},
        ]
    )

    assert result.column_names == ["person"]


# --- filter ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("where", "ids"),
    [
        ({"column": "age", "op": ">=", "value": 40}, [2, 6]),
        ({"column": "age", "op": "<", "value": 36}, [4]),
        ({"column": "name", "op": "==", "value": "ada"}, [1, 5]),
        # SQL semantics: nulls never match a comparison, not even !=.
        ({"column": "name", "op": "!=", "value": "ada"}, [2, 3, 6]),
        ({"column": "city", "op": "in", "value": ["paris", "helsinki"]}, [3, 4]),
        ({"column": "city", "op": "not_in", "value": ["london"]}, [2, 3, 4]),
        ({"column": "age", "op": "is_null"}, [3]),
        ({"column": "city", "op": "not_null"}, [1, 2, 3, 4, 5]),
        ({"column": "city", "op": "contains", "value": "on"}, [1, 5]),
        ({"column": "city", "op": "starts_with", "value": "new"}, [2]),
        ({"column": "city", "op": "ends_with", "value": "ki"}, [3]),
        (
            {
                "all": [
                    {"column": "age", "op": ">", "value": 30},
                    {
                        "any": [
                            {"column": "city", "op": "==", "value": "london"},
                            {"column": "id", "op": "==", "value": 6},
                        ]
                    },
                ]
            },
            [1, 5, 6],
        ),
        ({"not": {"column": "age", "op": ">", "value": 30}}, [4]),
    ],
)
def test_filter(where: dict[str, Any], ids: list[int]) -> None:
    result = run([{"op": "filter", "where": where}])

    assert column(result, "id") == ids


def test_filter_compares_dates_given_as_iso_strings() -> None:
    table = pa.table({"day": pa.array([dt.date(2024, 1, 1), dt.date(2024, 6, 1)]), "n": [1, 2]})

    result = run(
        [{"op": "filter", "where": {"column": "day", "op": ">", "value": "2024-03-01"}}], table
    )

    assert column(result, "n") == [2]


def test_a_filter_that_drops_every_row_still_writes_the_columns() -> None:
    result = run([{"op": "filter", "where": {"column": "age", "op": ">", "value": 1000}}])

    assert result.num_rows == 0
    assert result.column_names == PEOPLE.column_names


# --- drop_duplicates ------------------------------------------------------------------------


def test_drop_duplicates_keeps_the_first_of_equal_rows_across_chunks() -> None:
    table = pa.table({"a": [1, 2, 1, 2, 3, 1], "b": ["x", "y", "x", "z", None, "x"]})

    result = run([{"op": "drop_duplicates"}], table, chunk_rows=2)

    assert list(zip(column(result, "a"), column(result, "b"), strict=True)) == [
        (1, "x"),
        (2, "y"),
        (2, "z"),
        (3, None),
    ]


def test_drop_duplicates_by_some_columns() -> None:
    result = run([{"op": "drop_duplicates", "columns": ["name", "city"]}])

    assert column(result, "id") == [1, 2, 3, 4, 6]


def test_nulls_are_equal_to_each_other_for_drop_duplicates() -> None:
    table = pa.table({"a": pa.array([None, None, 1], pa.int64())})

    assert column(run([{"op": "drop_duplicates"}], table, chunk_rows=1), "a") == [None, 1]


# --- fill_missing and cast ------------------------------------------------------------------


def test_fill_missing_replaces_nulls_per_column() -> None:
    result = run([{"op": "fill_missing", "values": {"age": 0, "name": "unknown"}}])

    assert column(result, "age") == [36, 45, 0, 29, 36, 51]
    assert column(result, "name")[3] == "unknown"
    assert column(result, "city")[5] is None  # untouched


def test_cast_converts_types_and_records_them() -> None:
    table = pa.table({"n": ["1", "2", None], "f": [1, 2, 3]})

    pipeline = build([{"op": "cast", "columns": {"n": "integer", "f": "string"}}], table)
    result = run([{"op": "cast", "columns": {"n": "integer", "f": "string"}}], table)

    assert pipeline.output_schema == {"n": "int64", "f": "string"}
    assert result.schema.field("n").type == pa.int64()
    assert column(result, "n") == [1, 2, None]
    assert column(result, "f") == ["1", "2", "3"]


def test_a_value_that_does_not_cast_fails_the_run_naming_the_step() -> None:
    table = pa.table({"n": ["1", "two"]})

    with pytest.raises(
        StepFailed, match=r"Step 1 \(cast n to integer\) failed: cannot cast column 'n'"
    ):
        run(
            [{"op": "select", "columns": ["n"]}, {"op": "cast", "columns": {"n": "integer"}}], table
        )


# --- join -----------------------------------------------------------------------------------


def test_inner_join_keeps_the_left_order_and_repeats_rows_for_repeated_keys() -> None:
    result = run([{"op": "join", "version": OTHER, "on": ["city"]}], other=CITIES, chunk_rows=3)

    assert column(result, "id") == [1, 1, 4, 5, 5]
    assert column(result, "country") == ["uk", "uk-dup", "fr", "uk", "uk-dup"]
    # "name" exists on both sides: the joined one gets the suffix.
    assert result.column_names == ["id", "name", "age", "city", "country", "name_right"]


def test_left_join_keeps_unmatched_rows_with_nulls() -> None:
    result = run(
        [
            {"op": "join", "version": OTHER, "on": ["city"], "how": "left", "suffix": "_c"},
            {"op": "drop_duplicates", "columns": ["id"]},
        ],
        other=CITIES,
    )

    assert column(result, "id") == [1, 2, 3, 4, 5, 6]
    assert column(result, "country") == ["uk", None, None, "fr", "uk", None]
    assert "name_c" in result.column_names


# --- split and sample -----------------------------------------------------------------------

BIG = pa.table({"n": list(range(10_000))})


def test_split_labels_every_row_reproducibly_whatever_the_chunk_size() -> None:
    step = {"op": "split", "test_fraction": 0.2, "seed": 7}

    small_chunks = run([step], BIG, chunk_rows=13)
    one_chunk = run([step], BIG, chunk_rows=100_000)
    other_seed = run([{**step, "seed": 8}], BIG)

    labels = column(small_chunks, "split")
    assert labels == column(one_chunk, "split")
    assert labels != column(other_seed, "split")
    assert set(labels) == {"train", "test"}
    assert 1800 < labels.count("test") < 2200


def test_split_names_its_column_as_asked() -> None:
    result = run([{"op": "split", "test_fraction": 0.5, "column": "fold"}])

    assert result.column_names[-1] == "fold"


def test_sample_n_takes_exactly_n_rows_in_their_original_order() -> None:
    step = {"op": "sample", "n": 100, "seed": 3}

    small_chunks = column(run([step], BIG, chunk_rows=7), "n")
    one_chunk = column(run([step], BIG, chunk_rows=100_000), "n")

    assert len(small_chunks) == 100
    assert small_chunks == sorted(small_chunks)
    assert small_chunks == one_chunk
    assert small_chunks != column(run([{**step, "seed": 4}], BIG), "n")


def test_sample_n_larger_than_the_data_keeps_everything() -> None:
    assert column(run([{"op": "sample", "n": 100}]), "id") == [1, 2, 3, 4, 5, 6]


def test_sample_fraction_is_reproducible_and_close() -> None:
    step = {"op": "sample", "fraction": 0.1, "seed": 1}

    first = column(run([step], BIG, chunk_rows=11), "n")

    assert first == column(run([step], BIG, chunk_rows=5000), "n")
    assert 850 < len(first) < 1150


def test_steps_chain_in_order() -> None:
    result = run(
        [
            {"op": "filter", "where": {"column": "name", "op": "not_null"}},
            {"op": "drop_duplicates", "columns": ["name"]},
            {"op": "fill_missing", "values": {"age": -1}},
            {"op": "cast", "columns": {"age": "float"}},
            {"op": "rename", "columns": {"age": "years"}},
            {"op": "select", "columns": ["name", "years"]},
        ]
    )

    assert result.to_pylist() == [
        {"name": "ada", "years": 36.0},
        {"name": "grace", "years": 45.0},
        {"name": "linus", "years": -1.0},
        {"name": "barbara", "years": 51.0},
    ]
