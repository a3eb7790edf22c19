"""API keys act as their user, narrowed to their scopes."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from platform_core.identity.choices import ApiKeyScope
from platform_core.models import ApiKey
from platform_core.permissions.access import is_platform_operator

# A key with a wider scope may do everything a narrower one may.
_IMPLIED = {
    ApiKeyScope.READ: {ApiKeyScope.READ, ApiKeyScope.WRITE, ApiKeyScope.ADMIN},
    ApiKeyScope.WRITE: {ApiKeyScope.WRITE, ApiKeyScope.ADMIN},
    ApiKeyScope.ADMIN: {ApiKeyScope.ADMIN},
}


def required_scope(request: Request, view: Any) -> ApiKeyScope:
    """Views may name a stricter scope with ``api_key_scope`` (e.g. admin for memberships)."""
    declared = getattr(view, "api_key_scope", None)
    if callable(declared):
        declared = declared(request)
    if declared:
        return ApiKeyScope(declared)
    return ApiKeyScope.READ if request.method in SAFE_METHODS else ApiKeyScope.WRITE


class ApiKeyScopePermission(BasePermission):
    message = "This API key's scopes do not allow this request."

    def has_permission(self, request: Request, view: Any) -> bool:
        if not isinstance(request.auth, ApiKey):
            return True
        needed = required_scope(request, view)
        self.message = f"This API key lacks the '{needed}' scope needed for this request."
        return bool(_IMPLIED[needed] & set(request.auth.scopes))


class IsPlatformOperator(BasePermission):
    message = "Only platform operators (staff) may do this."

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and is_platform_operator(user))
