"""Reading a step's JSON with errors that say which step and which field is wrong."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from platform_core.errors import InvalidInput

MAX_NAME_LENGTH = 200
MAX_LIST_LENGTH = 10_000
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
#: Names of the columns steps add for a while (row positions); no user column may use it.
RESERVED_PREFIX = "__zt_"


class SpecError(InvalidInput):
    """A pipeline spec that cannot run; ``details`` name the step (0-based) and field."""


class StepFields:
    """The fields of step ``index``; every reader raises a SpecError naming the field."""

    def __init__(self, raw: Mapping[str, Any], index: int, op: str) -> None:
        self.raw = raw
        self.index = index
        self.op = op

    def error(self, message: str, field: str | None = None, **details: Any) -> SpecError:
        where = f"Step {self.index} ({self.op})"
        return SpecError(
            f"{where}: {message}",
            details={
                "step": self.index,
                "op": self.op,
                **({"field": field} if field else {}),
                **details,
            },
        )

    def only(self, *allowed: str) -> None:
        unknown = sorted(set(self.raw) - {"op", *allowed})
        if unknown:
            raise self.error(
                f"unknown field {unknown[0]!r}; it takes {', '.join(allowed) or 'nothing'}.",
                unknown[0],
            )

    def get(self, name: str, default: Any = None, *, required: bool = False) -> Any:
        if name not in self.raw:
            if required:
                raise self.error(f"{name!r} is required.", name)
            return default
        return self.raw[name]

    def name(self, value: Any, field: str) -> str:
        if not isinstance(value, str) or not value or len(value) > MAX_NAME_LENGTH:
            raise self.error(
                f"a column name must be a non-empty string of at most {MAX_NAME_LENGTH} "
                "characters.",
                field,
            )
        if value.startswith(RESERVED_PREFIX):
            raise self.error(f"column names starting {RESERVED_PREFIX!r} are reserved.", field)
        return value

    def names(self, name: str, *, required: bool = True) -> list[str]:
        value = self.get(name, required=required)
        if value is None:
            return []
        if not isinstance(value, list) or not value or len(value) > MAX_LIST_LENGTH:
            raise self.error(f"{name!r} must be a non-empty list of column names.", name)
        names = [self.name(item, f"{name}[{i}]") for i, item in enumerate(value)]
        if len(set(names)) != len(names):
            raise self.error(f"{name!r} names a column twice.", name)
        return names

    def mapping(self, name: str) -> dict[str, Any]:
        value = self.get(name, required=True)
        if not isinstance(value, dict) or not value or len(value) > MAX_LIST_LENGTH:
            raise self.error(f"{name!r} must be a non-empty object keyed by column name.", name)
        for key in value:
            self.name(key, f"{name}.{key}")
        return value

    def integer(self, name: str, default: int | None = None, *, minimum: int = 0) -> int:
        value = self.get(name, default, required=default is None)
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not minimum <= value <= INT64_MAX
        ):
            raise self.error(f"{name!r} must be an integer from {minimum} to {INT64_MAX}.", name)
        return value

    def storable(self, value: Any, field: str) -> Any:
        """``value``, unless it is an integer no 64-bit column can hold."""
        if isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
            raise self.error(f"{value} does not fit a 64-bit integer.", field)
        return value

    def fraction(self, name: str) -> float:
        value = self.get(name, required=True)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
            raise self.error(f"{name!r} must be a number between 0 and 1 (exclusive).", name)
        return float(value)

    def choice(self, name: str, choices: Iterable[str], default: str) -> str:
        options = list(choices)
        value = self.get(name, default)
        if value not in options:
            raise self.error(f"{name!r} must be one of {', '.join(options)}.", name)
        return str(value)

    def known(self, schema: Mapping[str, str], column: str, field: str) -> str:
        """``column`` if the schema has it; the error lists the columns there are."""
        if column not in schema:
            raise self.error(
                f"unknown column {column!r}; the columns are {', '.join(schema) or 'none'}.",
                field,
                column=column,
            )
        return column
