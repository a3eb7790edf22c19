from __future__ import annotations

import hashlib
from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle


class LoginThrottle(SimpleRateThrottle):
    """Limits sign-in attempts per client address and per account."""

    scope = "login"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        email = ""
        if isinstance(request.data, dict):
            email = str(request.data.get("email", "")).strip().lower()[:254]
        # Hashed: the address is client input and cache keys must stay plain ASCII.
        account = hashlib.sha256(email.encode()).hexdigest()[:32]
        return self.cache_format % {
            "scope": self.scope,
            "ident": f"{self.get_ident(request)}:{account}",
        }


class ApiKeyFailureThrottle(SimpleRateThrottle):
    """Counts failed API-key authentications per client address; blocks guessing."""

    scope = "api_key_failure"
    num_requests: int
    duration: int

    def get_cache_key(self, request: Request, view: Any = None) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def is_blocked(self, request: Request) -> bool:
        self.key = self.get_cache_key(request)
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        return len(self.history) >= self.num_requests

    def record_failure(self, request: Request) -> None:
        if not hasattr(self, "history"):
            self.is_blocked(request)
        self.history.insert(0, self.now)
        self.cache.set(self.key, self.history, self.duration)
