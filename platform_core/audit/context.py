"""Who is acting, from where: set per request (or task) and read when an event is written."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class AuditContext:
    request_id: str = ""
    ip: str | None = None
    api_key_prefix: str = ""


_current: contextvars.ContextVar[AuditContext] = contextvars.ContextVar(
    "zt_audit_context",
    default=AuditContext(),  # noqa: B039  frozen dataclass, never mutated
)


def audit_context() -> AuditContext:
    return _current.get()


def update_audit_context(**changes: Any) -> None:
    _current.set(replace(_current.get(), **changes))


@contextmanager
def bind_audit_context(context: AuditContext) -> Iterator[AuditContext]:
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
