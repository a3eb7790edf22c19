"""Users and API keys."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from platform_core.audit import record_event
from platform_core.errors import Conflict, InvalidInput
from platform_core.models import ApiKey, AuditAction, User
from platform_core.services import create_object, update_object

API_KEY_PREFIX = "zt_"
_PREFIX_LENGTH = 8


def hash_api_key(secret: str) -> str:
    # Keys are 240 random bits, so a fast unsalted digest is enough to make a stolen
    # table useless, and it allows lookup by an indexed column.
    return hashlib.sha256(secret.encode()).hexdigest()


def _checked_password(password: str, user: User | None = None) -> str:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput(
            "The password is too weak.", details={"password": list(exc.messages)}
        ) from exc
    return password


@transaction.atomic
def create_user(
    actor: User | None,
    *,
    email: str,
    password: str | None,
    full_name: str = "",
    is_staff: bool = False,
    **extra: Any,
) -> User:
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict(
            "A user with this email already exists.", details={"email": ["Already registered."]}
        )
    user = User(email=email, full_name=full_name, is_staff=is_staff, **extra)
    if password:
        user.set_password(_checked_password(password, user))
    else:
        user.set_unusable_password()
    user.save()
    record_event(
        AuditAction.CREATE,
        actor=actor,
        obj=user,
        changes={"email": [None, email], "is_staff": [None, is_staff]},
    )
    return user


def update_user(actor: User, user: User, *, password: str | None = None, **changes: Any) -> User:
    if password:
        changes["password"] = make_password(_checked_password(password, user))
    return update_object(actor, user, **changes)


def create_api_key(
    actor: User, *, name: str, scopes: list[str], expires_at: datetime | None = None
) -> tuple[ApiKey, str]:
    """Returns the key and its secret; the secret is never stored and cannot be shown again."""
    if expires_at is not None and expires_at <= timezone.now():
        raise InvalidInput(
            "The expiry must be in the future.", details={"expires_at": ["Must be in the future."]}
        )
    secret = API_KEY_PREFIX + secrets.token_urlsafe(30)
    api_key = create_object(
        actor,
        ApiKey,
        user=actor,
        name=name,
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        prefix=secret[: len(API_KEY_PREFIX) + _PREFIX_LENGTH],
        key_hash=hash_api_key(secret),
    )
    return api_key, secret


def revoke_api_key(actor: User, api_key: ApiKey) -> ApiKey:
    with transaction.atomic():
        api_key = ApiKey.objects.select_for_update().get(pk=api_key.pk)
        if api_key.revoked_at is None:
            api_key.revoked_at = timezone.now()
            api_key.save(update_fields=["revoked_at"])
            record_event(AuditAction.REVOKE, actor=actor, obj=api_key)
    return api_key
