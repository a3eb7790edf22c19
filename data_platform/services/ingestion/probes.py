"""The outcome of a connection test, and a one-line reason for a failure."""

from __future__ import annotations

from dataclasses import dataclass

MAX_REASON_LENGTH = 400


@dataclass(frozen=True)
class ProbeResult:
    ok: bool
    message: str


def reason(exc: BaseException) -> str:
    """The driver's own message on one line (SQLAlchemy wraps it with the SQL and a link)."""
    original = getattr(exc, "orig", None) or exc
    text = " ".join(str(original).split())[:MAX_REASON_LENGTH]
    return text or type(exc).__name__
