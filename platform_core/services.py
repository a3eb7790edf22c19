"""Audited writes shared by every app: create, update and delete one row.

Views, admin, tasks and tests write through these (or through app services
built on them), so every write leaves exactly one audit event.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError

from platform_core.audit import record_event, snapshot, tracked_changes
from platform_core.errors import Conflict
from platform_core.models import AuditAction

M = TypeVar("M", bound=models.Model)


def _editable_field_names(obj: models.Model) -> list[str]:
    return [
        field.name
        for field in obj._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in {"created_at", "updated_at"}
    ]


def _integrity_conflict(exc: IntegrityError, obj: models.Model) -> Conflict:
    label = obj._meta.verbose_name
    return Conflict(
        f"A {label} with these values already exists.", details={"reason": str(exc).splitlines()[0]}
    )


@transaction.atomic
def create_object(actor: Any, model: type[M], **fields: Any) -> M:
    obj = model(**fields)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise _integrity_conflict(exc, obj) from exc
    record_event(
        AuditAction.CREATE,
        actor=actor,
        obj=obj,
        changes=tracked_changes({}, snapshot(obj, _editable_field_names(obj))),
    )
    return obj


@transaction.atomic
def update_object(actor: Any, obj: M, **changes: Any) -> M:
    names = [name for name in changes if name in _editable_field_names(obj)]
    before = snapshot(obj, names)
    for name, value in changes.items():
        setattr(obj, name, value)
    after = snapshot(obj, names)
    diff = tracked_changes(before, after)
    if not diff:
        return obj
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise _integrity_conflict(exc, obj) from exc
    record_event(AuditAction.UPDATE, actor=actor, obj=obj, changes=diff)
    return obj


@transaction.atomic
def delete_object(actor: Any, obj: models.Model) -> None:
    label, object_id, text = obj._meta.label_lower, obj.pk, str(obj)
    # Recorded before the delete so the event can still read the row's tenant.
    record_event(AuditAction.DELETE, actor=actor, obj=obj, object_type=label, object_id=object_id)
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as exc:
        blockers = sorted({type(item)._meta.verbose_name_plural for item in exc.args[1]})
        raise Conflict(
            f"Cannot delete {text!r}: it still has {', '.join(str(b) for b in blockers)}.",
            details={"blocked_by": [str(b) for b in blockers]},
        ) from exc
