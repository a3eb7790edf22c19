"""Tokens from an OpenID Connect provider (Keycloak or any other).

Bearer tokens are verified against the provider's published keys (discovery +
JWKS); the user is created or linked by subject/email, and configured groups
are mapped onto organization roles at every sign-in.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import jwt
import requests
from django.conf import settings
from django.db import transaction
from rest_framework import exceptions

logger = logging.getLogger(__name__)

DISCOVERY_TTL_SECONDS = 3600
HTTP_TIMEOUT_SECONDS = 5

_lock = threading.Lock()
_discovery: dict[str, Any] = {}
_jwks_clients: dict[str, jwt.PyJWKClient] = {}


def config() -> dict[str, Any]:
    return settings.OIDC


def is_enabled() -> bool:
    return bool(config()["ISSUER"])


def discovery() -> dict[str, Any]:
    issuer = config()["ISSUER"]
    with _lock:
        cached = _discovery.get(issuer)
        if cached and cached["fetched_at"] > time.monotonic() - DISCOVERY_TTL_SECONDS:
            return cached["document"]
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=HTTP_TIMEOUT_SECONDS)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        logger.warning("OIDC discovery failed", extra={"url": url, "error": str(exc)})
        raise exceptions.AuthenticationFailed("The identity provider cannot be reached.") from exc
    if str(document.get("issuer", "")).rstrip("/") != issuer:
        # OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer asked for.
        logger.warning("OIDC discovery names another issuer", extra={"url": url})
        raise exceptions.AuthenticationFailed(
            "The identity provider's metadata names another issuer."
        )
    with _lock:
        _discovery[issuer] = {"document": document, "fetched_at": time.monotonic()}
    return document


def _jwks_client(jwks_uri: str) -> jwt.PyJWKClient:
    with _lock:
        if jwks_uri not in _jwks_clients:
            _jwks_clients[jwks_uri] = jwt.PyJWKClient(
                jwks_uri, cache_keys=True, timeout=HTTP_TIMEOUT_SECONDS
            )
        return _jwks_clients[jwks_uri]


def forget_provider_metadata() -> None:
    with _lock:
        _discovery.clear()
        _jwks_clients.clear()


def verify_token(token: str) -> dict[str, Any]:
    """Claims of a provider-signed token, or AuthenticationFailed."""
    document = discovery()
    options = config()
    try:
        signing_key = _jwks_client(document["jwks_uri"]).get_signing_key_from_jwt(token)
        audience = options["AUDIENCE"] or options["CLIENT_ID"] or None
        return jwt.decode(
            token,
            signing_key.key,
            algorithms=["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"],
            issuer=document.get("issuer", options["ISSUER"]),
            audience=audience,
            options={"verify_aud": audience is not None, "require": ["exp", "iss", "sub"]},
            leeway=30,
        )
    except jwt.PyJWKClientConnectionError as exc:
        # Keys cached by discovery's TTL can outlive the provider: an outage, not a bad token.
        logger.warning(
            "OIDC keys unavailable", extra={"url": document.get("jwks_uri"), "error": str(exc)}
        )
        raise exceptions.AuthenticationFailed("The identity provider cannot be reached.") from exc
    except (jwt.PyJWTError, KeyError) as exc:
        raise exceptions.AuthenticationFailed(
            f"The identity provider's token is not valid: {exc}"
        ) from exc


def authenticate_bearer(token: str) -> tuple[Any, dict[str, Any]]:
    claims = verify_token(token)
    return user_for_claims(claims), claims


@transaction.atomic
def user_for_claims(claims: dict[str, Any]) -> Any:
    from platform_core.identity.services import create_user
    from platform_core.models import User
    from platform_core.services import update_object

    options = config()
    subject = str(claims["sub"])
    email = str(claims.get(options["EMAIL_CLAIM"]) or "").strip().lower()
    user = User.objects.filter(oidc_subject=subject).first()
    if user is None:
        if not email:
            raise exceptions.AuthenticationFailed(
                f"The identity provider's token has no '{options['EMAIL_CLAIM']}' claim."
            )
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = create_user(
                None, email=email, password=None, full_name=str(claims.get("name", ""))
            )
        elif str(claims.get("email_verified", "")).lower() == "false":
            # Anyone can type someone else's address at a provider that allows sign-up.
            raise exceptions.AuthenticationFailed(
                "The identity provider has not verified this email address, "
                "so it cannot be linked to an existing account."
            )
        update_object(user, user, oidc_subject=subject)
    if not user.is_active:
        raise exceptions.AuthenticationFailed("This account is disabled.")
    apply_group_roles(user, claims.get(options["GROUPS_CLAIM"]) or [])
    return user


def apply_group_roles(user: Any, groups: list[str]) -> None:
    """Give the user the organization roles their provider groups map to.

    Memberships in the organizations the mapping names follow the provider;
    memberships anywhere else are left alone.
    """
    from platform_core.models import Organization, OrganizationMembership
    from platform_core.permissions.access import forget_access
    from platform_core.services import create_object, update_object
    from platform_core.tenancy.choices import OrganizationRole

    mapping: dict[str, dict[str, str]] = config()["GROUP_ROLE_MAP"]
    rank = {role: index for index, role in enumerate(OrganizationRole.values)}  # owner first
    wanted: dict[str, str] = {}
    for group in groups if isinstance(groups, list) else [groups]:
        target = mapping.get(str(group))
        if not target:
            continue
        slug, role = target["organization"], target["role"]
        if slug not in wanted or rank[role] < rank[wanted[slug]]:
            wanted[slug] = role
    for organization in Organization.objects.filter(slug__in=wanted):
        role = wanted[organization.slug]
        membership = OrganizationMembership.objects.filter(
            organization=organization, user=user
        ).first()
        if membership is None:
            create_object(
                user, OrganizationMembership, organization=organization, user=user, role=role
            )
        elif membership.role != role:
            sole_owner = membership.role == OrganizationRole.OWNER and not (
                organization.memberships.filter(role=OrganizationRole.OWNER)
                .exclude(pk=membership.pk)
                .exists()
            )
            if sole_owner:
                # Same rule as change_organization_member_role: an organization keeps an owner.
                logger.warning(
                    "OIDC group mapping would leave an organization without an owner; skipped",
                    extra={"organization": organization.slug, "user_id": user.pk, "role": role},
                )
                continue
            update_object(user, membership, role=role)
    forget_access(user)
