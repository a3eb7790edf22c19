"""Every write to notes, audited through platform_core's helpers. Views, admin, tasks and
tests call these; services never import tasks (queue work with platform_core.queue.enqueue)."""

from __future__ import annotations

from typing import Any

from platform_core.errors import InvalidInput
from platform_core.models import Project, User
from platform_core.services import create_object, delete_object, update_object

from ..models import Note


def create_note(actor: User | None, *, project: Project, title: str, body: str = "") -> Note:
    return create_object(
        actor,
        Note,
        project=project,
        organization_id=project.organization_id,
        title=title,
        body=body,
        created_by=actor,
    )


def update_note(actor: User, note: Note, **changes: Any) -> Note:
    """Title and body change; a note stays in its project."""
    if fixed := sorted(set(changes) & {"project", "organization"}):
        raise InvalidInput(f"A note's {', '.join(fixed)} cannot change.")
    return update_object(actor, note, **changes)


def delete_note(actor: User, note: Note) -> None:
    delete_object(actor, note)
