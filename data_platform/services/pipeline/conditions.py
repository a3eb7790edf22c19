"""The filter language: structured conditions, never code.

A condition is ``{"column", "op", "value"}``, or ``{"all": [...]}``, ``{"any": [...]}``
or ``{"not": condition}`` around other conditions. It becomes an Arrow compute
expression; nothing a user sends is evaluated as Python. Nulls follow SQL: a
comparison with a null is unknown and the row is dropped, so ``{"op": "!=", ...}``
drops null rows too; ask for them with ``is_null``.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow.compute as pc

from data_platform.services.pipeline.fields import MAX_LIST_LENGTH, StepFields
from data_platform.services.pipeline.schema import Family, Schema, family

MAX_DEPTH = 20
MAX_NODES = 1000

_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_ORDERED = {"<", "<=", ">", ">="}
_TEXT: dict[str, Callable[[Any, str], Any]] = {
    "contains": pc.match_substring,
    "starts_with": pc.starts_with,
    "ends_with": pc.ends_with,
}
_MEMBERSHIP = ("in", "not_in")
_NULL_TESTS = ("is_null", "not_null")
OPERATORS = [*_COMPARISONS, *_MEMBERSHIP, *_TEXT, *_NULL_TESTS]


class Condition:
    def expression(self) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class Test(Condition):
    column: str
    op: str
    value: Any

    def expression(self) -> Any:
        field = pc.field(self.column)
        if self.op in _COMPARISONS:
            return _COMPARISONS[self.op](field, self.value)
        if self.op in _TEXT:
            return _TEXT[self.op](field, self.value)
        if self.op == "is_null":
            return field.is_null()
        if self.op == "not_null":
            return field.is_valid()
        member = field.isin(self.value)
        return member if self.op == "in" else field.is_valid() & ~member


@dataclass(frozen=True)
class Combination(Condition):
    kind: str
    parts: tuple[Condition, ...]

    def expression(self) -> Any:
        expressions = [part.expression() for part in self.parts]
        if self.kind == "not":
            return ~expressions[0]
        combine = operator.and_ if self.kind == "all" else operator.or_
        result = expressions[0]
        for expression in expressions[1:]:
            result = combine(result, expression)
        return result


class ConditionParser:
    """Parses and checks a condition tree against the schema it will filter."""

    def __init__(self, fields: StepFields, schema: Schema) -> None:
        self.fields = fields
        self.schema = schema
        self.nodes = 0

    def parse(self, raw: Any, path: str, depth: int = 0) -> Condition:
        self.nodes += 1
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise self.fields.error(
                f"the condition is too large (at most {MAX_DEPTH} levels, {MAX_NODES} parts).",
                path,
            )
        if not isinstance(raw, dict):
            raise self.fields.error("a condition must be an object.", path)
        for kind in ("all", "any"):
            if kind in raw:
                return self._combination(raw, kind, path, depth)
        if "not" in raw:
            self._exact_keys(raw, {"not"}, path)
            return Combination("not", (self.parse(raw["not"], f"{path}.not", depth + 1),))
        return self._test(raw, path)

    def _combination(self, raw: dict[str, Any], kind: str, path: str, depth: int) -> Condition:
        self._exact_keys(raw, {kind}, path)
        parts = raw[kind]
        if not isinstance(parts, list) or not parts:
            raise self.fields.error(f"{kind!r} must be a non-empty list of conditions.", path)
        return Combination(
            kind,
            tuple(
                self.parse(part, f"{path}.{kind}[{i}]", depth + 1) for i, part in enumerate(parts)
            ),
        )

    def _exact_keys(self, raw: Mapping[str, Any], keys: set[str], path: str) -> None:
        if extra := sorted(set(raw) - keys):
            raise self.fields.error(
                "a condition has either 'all', 'any', 'not' or 'column', 'op' and 'value'; "
                f"{extra[0]!r} does not belong here.",
                path,
            )
        if missing := sorted(keys - set(raw)):
            raise self.fields.error(f"this condition needs {missing[0]!r}.", path)

    def _test(self, raw: dict[str, Any], path: str) -> Condition:
        op = raw.get("op")
        if not isinstance(op, str) or op not in OPERATORS:
            raise self.fields.error(
                f"'op' must be one of {', '.join(OPERATORS)}.", f"{path}.op", value=op
            )
        needed = {"column", "op"} if op in _NULL_TESTS else {"column", "op", "value"}
        self._exact_keys(raw, needed, path)
        column = self.fields.known(
            self.schema, self.fields.name(raw["column"], f"{path}.column"), f"{path}.column"
        )
        kind = family(self.schema[column])
        value = raw.get("value")
        if op in _MEMBERSHIP:
            if not isinstance(value, list) or not value or len(value) > MAX_LIST_LENGTH:
                raise self.fields.error(
                    f"'{op}' needs a non-empty list of at most {MAX_LIST_LENGTH} values.",
                    f"{path}.value",
                )
            value = [
                self._value(kind, op, item, f"{path}.value[{i}]") for i, item in enumerate(value)
            ]
        elif op not in _NULL_TESTS:
            value = self._value(kind, op, value, f"{path}.value")
        return Test(column, op, value)

    def _value(self, kind: Family, op: str, value: Any, path: str) -> Any:
        """The value as Arrow should compare it, if it suits the column's type."""

        def wrong(expected: str) -> Exception:
            return self.fields.error(
                f"'{op}' on a {kind} column needs {expected}, not {value!r}.", path
            )

        if value is None:
            raise self.fields.error("compare with null using 'is_null' or 'not_null'.", path)
        self.fields.storable(value, path)
        if op in _TEXT:
            if kind not in (Family.STRING, Family.OTHER) or not isinstance(value, str):
                raise wrong("a string column and a string value")
            return value
        if kind == Family.BOOLEAN and (op in _ORDERED or not isinstance(value, bool)):
            raise wrong("true or false, with ==, !=, in or not_in")
        if kind.numeric and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise wrong("a number")
        if kind == Family.STRING and not isinstance(value, str):
            raise wrong("a string")
        if kind in (Family.DATETIME, Family.DATE):
            parse = dt.datetime.fromisoformat if kind == Family.DATETIME else dt.date.fromisoformat
            try:
                return parse(value)
            except (TypeError, ValueError):
                raise wrong("an ISO 8601 date or time string") from None
        return value
