"""Users and API keys."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from platform_core.audit import record_event
from platform_core.errors import Conflict, InvalidInput
from platform_core.identity.choices import ApiKeyScope
from platform_core.models import ApiKey, AuditAction, Project, User
from platform_core.permissions.access import acting_key, member_sees_project
from platform_core.services import create_object, update_object

API_KEY_PREFIX = "zt_"
_PREFIX_LENGTH = 8
#: What code inside a job may do with its key by default: read and write, never admin
#: (no keys, no memberships).
JOB_KEY_SCOPES = (ApiKeyScope.READ.value, ApiKeyScope.WRITE.value)
MAX_JOB_KEY_TTL = timedelta(days=7)


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
    actor: User,
    *,
    name: str,
    scopes: list[str],
    expires_at: datetime | None = None,
    project: Project | None = None,
) -> tuple[ApiKey, str]:
    """Returns the key and its secret; the secret is never stored and cannot be shown again.

    A key bound to ``project`` acts only inside it; its user must be a member who sees the
    project. A key made through another key never outlives it, and one made through a
    project-bound key is bound to the same project.
    """
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise InvalidInput(
            "The expiry must be in the future.", details={"expires_at": ["Must be in the future."]}
        )
    through = acting_key(actor)
    if through is not None and through.expires_at is not None:
        if expires_at is not None and expires_at > through.expires_at:
            raise InvalidInput(
                "A key made with another key cannot outlive it.",
                details={"expires_at": [f"At the latest {through.expires_at.isoformat()}."]},
            )
        expires_at = expires_at or through.expires_at
    if through is not None and through.project_id is not None:
        if project is not None and project.pk != through.project_id:
            raise InvalidInput(
                "A project key makes keys for its own project only.",
                details={"project": ["Not the project of the key making this request."]},
            )
        project = project or Project.objects.get(pk=through.project_id)
    if project is not None and not member_sees_project(actor, project):
        raise InvalidInput(
            "Project keys are for members of the project.",
            details={"project": ["You are not a member who can see this project."]},
        )
    secret = API_KEY_PREFIX + secrets.token_urlsafe(30)
    api_key = create_object(
        actor,
        ApiKey,
        user=actor,
        name=name,
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        project=project,
        prefix=secret[: len(API_KEY_PREFIX) + _PREFIX_LENGTH],
        key_hash=hash_api_key(secret),
    )
    return api_key, secret


def issue_job_key(
    user: User,
    project: Project,
    *,
    name: str,
    ttl: timedelta,
    scopes: tuple[str, ...] = JOB_KEY_SCOPES,
) -> tuple[ApiKey, str]:
    """A short-lived key of ``user`` bound to ``project``, for code a job runs: the key and its
    secret (hand the secret to the job's environment, keep the key to revoke it when the job
    ends). It can do what ``user`` may do in the project, within ``scopes``, and nothing
    outside it; it stops working after ``ttl`` (at most ``MAX_JOB_KEY_TTL``) or once revoked.
    """
    if not timedelta(0) < ttl <= MAX_JOB_KEY_TTL:
        raise InvalidInput(
            f"A job key lives between 0 and {MAX_JOB_KEY_TTL}.",
            details={"ttl": [f"Must be positive and at most {MAX_JOB_KEY_TTL}."]},
        )
    return create_api_key(
        user,
        name=name[:100],
        scopes=list(scopes),
        expires_at=timezone.now() + ttl,
        project=project,
    )


def revoke_api_key(actor: User | None, api_key: ApiKey) -> ApiKey:
    """Revoke at once (no-op when already revoked). ``actor`` None: the platform itself, e.g.
    when the job a key was issued for ends."""
    with transaction.atomic():
        api_key = ApiKey.objects.select_for_update().get(pk=api_key.pk)
        if api_key.revoked_at is None:
            api_key.revoked_at = timezone.now()
            api_key.save(update_fields=["revoked_at"])
            record_event(AuditAction.REVOKE, actor=actor, obj=api_key)
    return api_key
