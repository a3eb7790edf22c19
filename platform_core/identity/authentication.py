"""One way in for every client: ``Authorization: Bearer <token>``.

The token is an API key (``zt_...``), a platform JWT, or, when OIDC is
configured, an access/ID token from the identity provider.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError

from platform_core.audit.context import update_audit_context
from platform_core.identity import oidc
from platform_core.identity.services import API_KEY_PREFIX, hash_api_key
from platform_core.identity.throttling import ApiKeyFailureThrottle
from platform_core.models import ApiKey
from platform_core.permissions.access import act_through_key

# Writing last_used_at on every request would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class BearerAuthentication(BaseAuthentication):
    keyword = b"bearer"
    www_authenticate_realm = "api"

    def __init__(self) -> None:
        self._jwt = JWTAuthentication()

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Invalid Authorization header: expected 'Bearer <token>'."
            )
        try:
            token = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(
                "Invalid characters in the bearer token."
            ) from None

        if token.startswith(API_KEY_PREFIX):
            return self._authenticate_api_key(request, token)
        try:
            validated = self._jwt.get_validated_token(header[1])
        except (InvalidToken, TokenError):
            if oidc.is_enabled():
                return oidc.authenticate_bearer(token)
            raise exceptions.AuthenticationFailed(
                "The token is invalid or expired.", code="token_not_valid"
            ) from None
        return self._jwt.get_user(validated), validated

    def _authenticate_api_key(self, request: Request, token: str) -> tuple[Any, ApiKey]:
        throttle = ApiKeyFailureThrottle()
        if throttle.is_blocked(request):
            raise exceptions.Throttled(wait=throttle.wait())
        api_key = (
            ApiKey.objects.usable()
            .select_related("user")
            .filter(key_hash=hash_api_key(token))
            .first()
        )
        if api_key is None or not api_key.user.is_active:
            throttle.record_failure(request)
            raise exceptions.AuthenticationFailed("The API key is invalid, expired or revoked.")
        now = timezone.now()
        if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_RESOLUTION:
            ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
            api_key.last_used_at = now
        update_audit_context(api_key_prefix=api_key.prefix)
        act_through_key(api_key.user, api_key)  # a project-bound key narrows every check
        return api_key.user, api_key

    def authenticate_header(self, request: Request) -> str:
        return f'Bearer realm="{self.www_authenticate_realm}"'
