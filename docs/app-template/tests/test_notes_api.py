from __future__ import annotations

import pytest

from platform_core.models import AuditEvent
from tests.factories import client_for

from ..models import Note

pytestmark = pytest.mark.django_db
URL = "/api/v1/notes/"


def test_a_developer_writes_notes_in_their_project(tenant):
    client = client_for(tenant.project_developer)

    created = client.post(URL, {"project": tenant.project.pk, "title": "Kickoff"}, format="json")
    assert created.status_code == 201, created.content
    note = Note.objects.get(pk=created.json()["id"])
    assert (note.organization, note.created_by) == (tenant.organization, tenant.project_developer)

    listed = client.get(URL, {"project": tenant.project.pk}).json()["results"]
    assert [row["title"] for row in listed] == ["Kickoff"]
    changed = client.patch(f"{URL}{note.pk}/", {"body": "Agenda"}, format="json")
    assert changed.json()["body"] == "Agenda"
    assert AuditEvent.objects.filter(object_id=str(note.pk), action="update").exists()


def test_a_note_stays_in_its_project(tenant):
    note = client_for(tenant.owner).post(
        URL, {"project": tenant.project.pk, "title": "Fixed"}, format="json"
    )
    moved = client_for(tenant.owner).patch(
        f"{URL}{note.json()['id']}/", {"project": tenant.project.pk}, format="json"
    )
    assert moved.status_code == 400
    assert moved.json()["error"]["details"] == {"project": ["Unknown field."]}


def test_a_project_viewer_reads_but_never_writes(tenant):
    client_for(tenant.owner).post(URL, {"project": tenant.project.pk, "title": "A"}, format="json")
    viewer = client_for(tenant.project_viewer)

    assert viewer.get(URL).json()["count"] == 1
    refused = viewer.post(URL, {"project": tenant.project.pk, "title": "B"}, format="json")
    assert refused.status_code == 403
    assert Note.objects.count() == 1
