"""Column schemas as the pipeline validates them: ordered ``{name: type}``.

Versions record their schema as ``[{"name", "type"}]`` with type names from
whoever inferred it (Arrow, pandas or plain words); the pipeline only needs each
type's family, to check a step's values against its columns before running.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

import pyarrow as pa

Schema = dict[str, str]


class Family(StrEnum):
    INTEGER = "integer"
    FLOAT = "float"
    STRING = "string"
    BOOLEAN = "boolean"
    DATETIME = "datetime"
    DATE = "date"
    #: Anything else (lists, structs, unknown names): values are not checked up front.
    OTHER = "other"

    @property
    def numeric(self) -> bool:
        return self in (Family.INTEGER, Family.FLOAT)


_FAMILY_PATTERNS = [
    (Family.INTEGER, r"u?int(8|16|32|64)?|integer|long"),
    (Family.FLOAT, r"float(16|32|64)?|double|halffloat|number|decimal.*"),
    (Family.STRING, r"(large_)?string(_view)?|str|utf8|large_utf8|text|object|category"),
    (Family.BOOLEAN, r"bool(ean)?"),
    (Family.DATETIME, r"(timestamp|datetime(64)?)(\[.*\])?"),
    (Family.DATE, r"date(32|64)?(\[.*\])?"),
]

#: The types ``cast`` converts to, by the names the spec uses.
CAST_TYPES: dict[str, pa.DataType] = {
    "integer": pa.int64(),
    "float": pa.float64(),
    "string": pa.string(),
    "boolean": pa.bool_(),
    "datetime": pa.timestamp("us"),
    "date": pa.date32(),
}


def family(type_name: str) -> Family:
    name = type_name.strip().lower()
    for candidate, pattern in _FAMILY_PATTERNS:
        if re.fullmatch(pattern, name):
            return candidate
    return Family.OTHER


def from_version(columns: list[dict[str, Any]]) -> Schema:
    return {str(column["name"]): str(column.get("type", "")) for column in columns}


def from_arrow(schema: pa.Schema) -> list[dict[str, str]]:
    """What a version records: Arrow's own type names."""
    return [{"name": field.name, "type": str(field.type)} for field in schema]


def arrow_type(type_name: str) -> pa.DataType | None:
    """The Arrow type a recorded type name stands for, when it is unambiguous."""
    fixed = {
        Family.INTEGER: pa.int64(),
        Family.FLOAT: pa.float64(),
        Family.STRING: pa.string(),
        Family.BOOLEAN: pa.bool_(),
    }
    return fixed.get(family(type_name))
