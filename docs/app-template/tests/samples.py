"""Samples for the tenant-isolation walker (tests/test_tenant_isolation.py): one note, and a
valid request creating one, inside a tenant."""

from __future__ import annotations

import itertools
from typing import Any

from tests.isolation import CreateRequest, create_request_for, sample_for

from ..models import Note
from ..services.notes import create_note

_counter = itertools.count(1)


@sample_for(Note)
def note(tenant: Any) -> Note:
    return create_note(tenant.owner, project=tenant.project, title=f"note {next(_counter)}")


@create_request_for("note-list")
def note_request(tenant: Any) -> CreateRequest:
    data = {"project": tenant.project.pk, "title": f"new note {next(_counter)}"}
    return CreateRequest("/api/v1/notes/", data)
