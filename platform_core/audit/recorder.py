from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db import models

from platform_core.audit.context import audit_context

SECRET_FIELD = re.compile(r"password|secret|token|key_hash|credential|private", re.IGNORECASE)
MASK = "********"


def _without_nul(value: Any) -> Any:
    """PostgreSQL text and jsonb cannot hold NUL characters; audit what was sent without them."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    if isinstance(value, dict):
        return {_without_nul(key): _without_nul(item) for key, item in value.items()}
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str | dict):
        return value
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Plain values of ``fields`` (foreign keys as ids) for diffing later."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = _plain(getattr(obj, attname))
    return values


def tracked_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for fields whose value changed, secrets masked."""
    changes: dict[str, list[Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changes[name] = [MASK, MASK] if SECRET_FIELD.search(name) else [old, new]
    return changes


def _tenant_of(obj: models.Model | None) -> tuple[int | None, int | None]:
    from platform_core.models import Organization, Project

    if obj is None:
        return None, None
    if isinstance(obj, Organization):
        return obj.pk, None
    if isinstance(obj, Project):
        return obj.organization_id, obj.pk
    scope = getattr(type(obj), "scope", None)
    if scope is None:
        return None, None
    organization_id = _follow(obj, scope.organization_id_path())
    project_id = None
    if scope.project and scope.project != "pk":
        project_id = _follow(obj, f"{scope.project}_id")
    return organization_id, project_id


def _follow(obj: Any, path: str) -> Any:
    for part in path.split("__"):
        obj = getattr(obj, part)
    return obj


def record_event(
    action: str,
    *,
    actor: Any,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: Any = None,
    object_repr: str | None = None,
    changes: dict[str, Any] | None = None,
    organization_id: int | None = None,
    project_id: int | None = None,
) -> Any:
    """Append one audit event for a write ``actor`` made (actor may be None for anonymous)."""
    from platform_core.models import AuditEvent

    derived_org, derived_project = _tenant_of(obj)
    context = audit_context()
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        action=action,
        actor=actor if is_user else None,
        actor_email=actor.email if is_user else "",
        actor_api_key_prefix=context.api_key_prefix,
        organization_id=organization_id or derived_org,
        project_id=project_id or derived_project,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(object_id if object_id is not None else (obj.pk if obj is not None else "")),
        object_repr=_without_nul(object_repr if object_repr is not None else str(obj or ""))[:200],
        changes=_without_nul(changes or {}),
        request_id=context.request_id,
        ip=context.ip,
    )
