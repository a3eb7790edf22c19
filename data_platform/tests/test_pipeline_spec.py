"""The whole spec is checked against the inputs' schemas before anything runs; every error
names the step (0-based) and the field."""

from __future__ import annotations

from typing import Any

import pytest

from data_platform.services.pipeline.fields import SpecError
from data_platform.services.pipeline.schema import Family, family
from data_platform.services.pipeline.spec import build_pipeline

PRIMARY, OTHER = 10, 20
PEOPLE = {"id": "int64", "name": "string", "age": "double", "born": "timestamp[us]", "ok": "bool"}
CITIES = {"id": "int64", "city": "large_string"}


def error_of(spec: Any, inputs: dict[int, dict[str, str]] | None = None) -> SpecError:
    with pytest.raises(SpecError) as caught:
        build_pipeline(spec, inputs or {PRIMARY: PEOPLE}, PRIMARY)
    return caught.value


def step_error(*steps: dict[str, Any], **details: Any) -> SpecError:
    error = error_of({"steps": list(steps)}, {PRIMARY: PEOPLE, OTHER: CITIES})
    for key, value in details.items():
        assert error.details[key] == value, (key, error.details, error.message)
    return error


def test_an_unknown_column_names_the_step_the_field_and_the_columns_there_are() -> None:
    error = step_error(
        {"op": "select", "columns": ["id"]},
        {"op": "join", "version": OTHER, "on": ["id"]},
        {"op": "select", "columns": ["id", "agee"]},
        step=2,
        field="columns[1]",
        column="agee",
        op="select",
    )

    assert error.message.startswith("Step 2 (select): unknown column 'agee'")
    assert "id, city" in error.message


def test_columns_flow_from_step_to_step() -> None:
    step_error(
        {"op": "rename", "columns": {"age": "years"}},
        {"op": "filter", "where": {"column": "age", "op": ">", "value": 1}},
        step=1,
        field="where.column",
        column="age",
    )


def test_a_valid_spec_yields_the_output_schema() -> None:
    pipeline = build_pipeline(
        {
            "steps": [
                {"op": "join", "version": OTHER, "on": ["id"], "how": "left"},
                {"op": "cast", "columns": {"age": "integer"}},
                {"op": "split", "test_fraction": 0.25, "seed": 1},
                {"op": "select", "columns": ["city", "age", "split"]},
            ]
        },
        {PRIMARY: PEOPLE, OTHER: CITIES},
        PRIMARY,
    )

    assert pipeline.output_schema == {"city": "large_string", "age": "int64", "split": "string"}
    assert pipeline.labels()[0] == f"left join version {OTHER} on id"


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        (None, "spec"),
        ([], "spec"),
        ({"steps": [], "extra": 1}, "spec"),
        ({"steps": {}}, "steps"),
        ({"steps": [{"op": "select", "columns": ["id"]}] * 51}, "steps"),
    ],
)
def test_the_spec_itself_must_be_well_formed(spec: Any, field: str) -> None:
    assert error_of(spec).details == {"field": field}


@pytest.mark.parametrize(
    ("step", "field", "message"),
    [
        ({"op": "explode"}, "op", "'op' must be one of select, rename"),
        ("select", "op", "'op' must be one of"),
        ({"op": "select", "columns": ["id"], "colums": ["x"]}, "colums", "unknown field 'colums'"),
        ({"op": "select"}, "columns", "'columns' is required"),
        ({"op": "select", "columns": []}, "columns", "non-empty list"),
        ({"op": "select", "columns": ["id", "id"]}, "columns", "names a column twice"),
        ({"op": "select", "columns": [""]}, "columns[0]", "non-empty string"),
        ({"op": "rename", "columns": {"id": "name"}}, "columns", "two columns the name 'name'"),
        ({"op": "rename", "columns": {"id": "__zt_x"}}, "columns.id", "reserved"),
        ({"op": "cast", "columns": {"age": "decimal"}}, "columns.age", "cannot cast to 'decimal'"),
        ({"op": "fill_missing", "values": {"age": "zero"}}, "values.age", "cannot fill a float"),
        ({"op": "fill_missing", "values": {"id": 1.5}}, "values.id", "cannot fill a integer"),
        ({"op": "fill_missing", "values": {"name": None}}, "values.name", "cannot fill"),
        ({"op": "fill_missing", "values": {"born": "yesterday"}}, "values.born", "ISO 8601"),
        ({"op": "split", "test_fraction": 1}, "test_fraction", "between 0 and 1"),
        ({"op": "split", "test_fraction": 0.2, "column": "name"}, "column", "already a column"),
        ({"op": "split", "test_fraction": 0.2, "seed": -1}, "seed", "from 0 to"),
        ({"op": "split", "test_fraction": 0.2, "seed": 2**63}, "seed", "from 0 to"),
        ({"op": "sample", "n": 10**30}, "n", "from 1 to"),
        ({"op": ["select"]}, "op", "'op' must be one of"),
        ({"op": {"select": 1}}, "op", "'op' must be one of"),
        ({"op": "cast", "columns": {"age": ["int64"]}}, "columns.age", "cannot cast to ['int64']"),
        ({"op": "fill_missing", "values": {"id": 2**63}}, "values.id", "fit a 64-bit integer"),
        ({"op": "join", "version": [OTHER], "on": ["id"]}, "version", "other inputs"),
        ({"op": "join", "version": {"id": OTHER}, "on": ["id"]}, "version", "other inputs"),
        ({"op": "join", "version": True, "on": ["id"]}, "version", "other inputs"),
        ({"op": "sample", "n": 5, "fraction": 0.5}, "n", "either 'n' or 'fraction'"),
        ({"op": "sample"}, "n", "either 'n' or 'fraction'"),
        ({"op": "sample", "n": 0}, "n", "from 1 to"),
        ({"op": "sample", "fraction": True}, "fraction", "between 0 and 1"),
        ({"op": "join", "version": 999, "on": ["id"]}, "version", "one of the job's other inputs"),
        ({"op": "join", "version": PRIMARY, "on": ["id"]}, "version", "other inputs"),
        ({"op": "join", "version": OTHER, "on": ["name"]}, "on[0]", "has no column 'name'"),
        ({"op": "join", "version": OTHER, "on": ["id"], "how": "outer"}, "how", "inner, left"),
        (
            {"op": "join", "version": OTHER, "on": ["id"], "suffix": ""},
            "suffix",
            "non-empty string",
        ),
    ],
)
def test_step_errors(step: Any, field: str, message: str) -> None:
    error = step_error({"op": "select", "columns": list(PEOPLE)}, step, step=1, field=field)

    assert message in error.message


def test_a_join_whose_renamed_column_is_taken_asks_for_another_suffix() -> None:
    inputs = {PRIMARY: {"id": "int64", "city": "string", "city_right": "string"}, OTHER: CITIES}

    error = error_of({"steps": [{"op": "join", "version": OTHER, "on": ["id"]}]}, inputs)

    assert error.details["field"] == "suffix"


def test_join_keys_must_have_comparable_types() -> None:
    inputs = {PRIMARY: {"id": "string"}, OTHER: {"id": "int32"}}

    error = error_of({"steps": [{"op": "join", "version": OTHER, "on": ["id"]}]}, inputs)

    assert error.details["field"] == "on[0]"


def test_every_extra_input_must_be_joined() -> None:
    error = error_of({"steps": []}, {PRIMARY: PEOPLE, OTHER: CITIES})

    assert error.details == {"field": "inputs"}
    assert f"Input version {OTHER} is not used" in error.message


@pytest.mark.parametrize(
    ("where", "field", "message"),
    [
        ({"column": "age", "op": "~", "value": 1}, "where.op", "'op' must be one of"),
        ({"column": "age", "op": {">": 1}, "value": 1}, "where.op", "'op' must be one of"),
        ({"column": "id", "op": ">", "value": 10**30}, "where.value", "fit a 64-bit integer"),
        ({"column": "id", "op": "in", "value": [1, -(2**63) - 1]}, "where.value[1]", "64-bit"),
        ({"column": "age", "op": ">", "value": "1"}, "where.value", "needs a number"),
        ({"column": "age", "op": ">", "value": True}, "where.value", "needs a number"),
        ({"column": "name", "op": "==", "value": 3}, "where.value", "needs a string"),
        ({"column": "ok", "op": "<", "value": True}, "where.value", "true or false"),
        ({"column": "age", "op": "contains", "value": "3"}, "where.value", "string column"),
        ({"column": "born", "op": ">", "value": "soon"}, "where.value", "ISO 8601"),
        ({"column": "age", "op": "==", "value": None}, "where.value", "is_null"),
        ({"column": "age", "op": "in", "value": []}, "where.value", "non-empty list"),
        ({"column": "age", "op": "in", "value": [1, "x"]}, "where.value[1]", "needs a number"),
        ({"column": "age", "op": "is_null", "value": 1}, "where", "does not belong"),
        ({"column": "age", "op": ">"}, "where", "needs 'value'"),
        ({"all": []}, "where", "non-empty list"),
        ({"all": [{"column": "x", "op": "is_null"}]}, "where.all[0].column", "unknown column"),
        ({"any": [{"not": {"column": "x", "op": "is_null"}}]}, "where.any[0].not.column", "x"),
        ({"all": [], "any": []}, "where", "does not belong"),
        ("age > 3", "where", "must be an object"),
    ],
)
def test_filter_conditions_are_structured_and_checked(where: Any, field: str, message: str) -> None:
    error = step_error({"op": "filter", "where": where}, step=0, field=field)

    assert message in error.message


def test_deeply_nested_conditions_are_refused() -> None:
    where: dict[str, Any] = {"column": "age", "op": "is_null"}
    for _ in range(30):
        where = {"not": where}

    assert "too large" in step_error({"op": "filter", "where": where}, step=0).message


def test_filter_values_are_data_never_code() -> None:
    """A string that looks like Python is compared as a string, nothing more."""
    pipeline = build_pipeline(
        {
            "steps": [
                {
                    "op": "filter",
                    "where": {
                        "column": "name",
                        "op": "==",
                        "value": "__import__('os').system('x')",
                    },
                }
            ]
        },
        {PRIMARY: PEOPLE},
        PRIMARY,
    )

    assert "__import__" in str(pipeline.steps[0].expression)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("int64", Family.INTEGER),
        ("Int32", Family.INTEGER),
        ("uint8", Family.INTEGER),
        ("double", Family.FLOAT),
        ("float64", Family.FLOAT),
        ("decimal128(10, 2)", Family.FLOAT),
        ("string", Family.STRING),
        ("large_string", Family.STRING),
        ("object", Family.STRING),
        ("bool", Family.BOOLEAN),
        ("boolean", Family.BOOLEAN),
        ("timestamp[us, tz=UTC]", Family.DATETIME),
        ("datetime64[ns]", Family.DATETIME),
        ("date32[day]", Family.DATE),
        ("list<item: int64>", Family.OTHER),
        ("null", Family.OTHER),
    ],
)
def test_type_families_of_recorded_type_names(name: str, expected: Family) -> None:
    assert family(name) == expected
