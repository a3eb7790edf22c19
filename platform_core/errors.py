"""Domain errors raised by service functions; the API maps each to its status code."""

from __future__ import annotations

from typing import Any


class PlatformError(Exception):
    status_code = 400
    code = "invalid"

    def __init__(
        self, message: str, *, details: dict[str, Any] | None = None, code: str | None = None
    ):
        super().__init__(message)
        self.message = message
        self.details = details or {}
        if code:
            self.code = code


class InvalidInput(PlatformError):
    status_code = 400
    code = "invalid"


class Forbidden(PlatformError):
    status_code = 403
    code = "permission_denied"


class Conflict(PlatformError):
    status_code = 409
    code = "conflict"


class ServiceUnavailable(PlatformError):
    status_code = 503
    code = "service_unavailable"


class TooLarge(PlatformError):
    status_code = 413
    code = "too_large"


class QuotaExceeded(PlatformError):
    status_code = 413
    code = "quota_exceeded"
