"""Django Admin for jobs: read-only pages, and a cancel action that goes through the service."""

from __future__ import annotations

import pytest

from data_platform.choices import JobStatus
from data_platform.tests.samples.jobs import sample_job
from platform_core.models import AuditEvent
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client(client):
    operator = make_user("root@example.com", is_staff=True, is_superuser=True)
    client.force_login(operator)
    return client


def test_jobs_and_their_logs_are_shown(operator_client, tenant):
    job = sample_job(tenant)

    listing = operator_client.get("/admin/data_platform/job/")
    page = operator_client.get(f"/admin/data_platform/job/{job.pk}/change/")

    assert listing.status_code == 200 and str(job) in listing.content.decode()
    assert page.status_code == 200 and "Queued by owner@acme.example.com" in page.content.decode()


def test_the_cancel_action_cancels_through_the_audited_service(operator_client, tenant):
    job = sample_job(tenant)

    response = operator_client.post(
        "/admin/data_platform/job/",
        {"action": "cancel_selected", "_selected_action": [str(job.pk)]},
    )

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED
    event = AuditEvent.objects.filter(
        object_type="data_platform.job", object_id=str(job.pk)
    ).latest("id")
    assert event.actor_email == "root@example.com"
    assert event.changes == {"status": ["queued", "cancelled"]}
