"""Snapshot queries must only read: one SELECT (or WITH ... SELECT) statement.

This check gives a clear 400 before anything runs; PostgreSQL also runs the query in a
READ ONLY transaction, which catches what a parser cannot (functions that write). The real
guard is still a database role that may only read: give sources such a role.
"""

from __future__ import annotations

import sqlparse
from sqlparse import tokens

from platform_core.errors import InvalidInput

MAX_QUERY_LENGTH = 100_000


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, details={"query": [message]})


def check_read_only(query: str) -> str:
    """The query without surrounding blanks and trailing ``;``, or InvalidInput."""
    if len(query) > MAX_QUERY_LENGTH:
        raise _refuse(f"The query is longer than {MAX_QUERY_LENGTH:,} characters.")
    statements = [
        statement
        for statement in sqlparse.parse(query)
        if not all(_is_noise(token) for token in statement.flatten())
    ]
    if len(statements) != 1:
        raise _refuse(
            f"Give exactly one SQL statement, not {len(statements)}."
            if statements
            else "The query is empty."
        )
    statement = statements[0]
    if statement.get_type() != "SELECT":
        raise _refuse("Only a SELECT (or WITH ... SELECT) query can be snapshotted.")
    for token in statement.flatten():
        word = token.normalized.upper()
        if (
            token.ttype in tokens.Keyword.DML and word != "SELECT"
        ) or token.ttype in tokens.Keyword.DDL:
            raise _refuse(f"The query must only read, but it contains {word}.")
        if token.ttype in tokens.Keyword and word == "INTO":
            raise _refuse("SELECT ... INTO writes a table; the query must only read.")
    return _without_trailing_noise(statement)


def _without_trailing_noise(statement: sqlparse.sql.Statement) -> str:
    """The statement without what follows its last word (blanks, comments, ``;``): a server-side
    cursor wraps it as ``DECLARE ... CURSOR FOR <query>``, where a ``;`` would end it early."""
    parts = list(statement.flatten())
    while parts and _is_noise(parts[-1]):
        parts.pop()
    return "".join(part.value for part in parts).strip()


def _is_noise(token: sqlparse.sql.Token) -> bool:
    """Blanks, comments and ``;``: what a statement may hold besides its words."""
    return bool(
        token.is_whitespace or token.ttype in tokens.Comment or token.match(tokens.Punctuation, ";")
    )
