"""Labeling through the API: projects, generated tasks, assignment, annotation, export."""

from __future__ import annotations

import json
from typing import Any

import pytest

from data_platform.choices import DatasetFormat
from data_platform.models import Annotation, Dataset, LabelingProject, LabelTask
from data_platform.services import labeling
from data_platform.services.versions import storage_used
from data_platform.tests.ready_versions import make_dataset, make_ready_version
from platform_core.backends import get_backend
from platform_core.models import AuditEvent
from platform_core.services import update_object
from tests.factories import client_for

pytestmark = pytest.mark.django_db

PROJECTS = "/api/v1/labeling-projects/"
TASKS = "/api/v1/label-tasks/"
REVIEWS: list[dict[str, Any]] = [
    {"text": "Great phone, the battery lasts for days.", "stars": 5},
    {"text": "Screen cracked after one week.", "stars": 1},
    {"text": None, "stars": 3},
    {"text": "Works as described.", "stars": 4},
]


@pytest.fixture(autouse=True)
def _eager(settings: Any) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def version(tenant: Any) -> Any:
    return make_ready_version(tenant.owner, tenant.project, rows=REVIEWS)


def create(user: Any, capture: Any, **body: Any) -> dict[str, Any]:
    client = client_for(user)
    with capture(execute=True):
        response = client.post(PROJECTS, body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "preparing"
    return client.get(f"{PROJECTS}{response.json()['id']}/").json()


@pytest.fixture
def sentiment(tenant: Any, version: Any, django_capture_on_commit_callbacks: Any) -> Any:
    return create(
        tenant.owner,
        django_capture_on_commit_callbacks,
        name="sentiment",
        version=version.pk,
        kind="classification",
        labels=["positive", "negative"],
        text_column="text",
    )


def tasks_of(user: Any, **params: Any) -> list[dict[str, Any]]:
    response = client_for(user).get(TASKS, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def annotate(user: Any, task_id: int, value: Any) -> Any:
    return client_for(user).post(f"{TASKS}{task_id}/annotations/", {"value": value}, format="json")


def assign(user: Any, task_id: int, assignee: Any) -> Any:
    return client_for(user).post(f"{TASKS}{task_id}/assign/", {"assignee": assignee}, format="json")


# --- projects and task generation ----------------------------------------------------------


def test_tasks_are_generated_from_the_rows(tenant: Any, sentiment: dict[str, Any]) -> None:
    tasks = tasks_of(tenant.owner, labeling_project=sentiment["id"])

    assert (sentiment["status"], sentiment["task_count"], sentiment["done_count"]) == (
        "ready",
        3,
        0,
    )
    assert [task["item_ref"] for task in tasks] == ["0", "1", "3"]  # row 2 has no text
    assert tasks[0]["data"] == REVIEWS[0]
    assert (tasks[0]["status"], tasks[0]["assignee"], tasks[0]["item_url"]) == ("open", None, None)


def test_image_tasks_link_to_their_image(
    tenant: Any, django_capture_on_commit_callbacks: Any
) -> None:
    images = make_ready_version(
        tenant.owner,
        tenant.project,
        files={"cats/1.png": b"\x89PNG one", "cats/2.JPG": b"\xff\xd8 two", "notes.txt": b"x"},
        fmt=DatasetFormat.IMAGE_ZIP,
    )
    project = create(
        tenant.owner,
        django_capture_on_commit_callbacks,
        name="boxes",
        version=images.pk,
        kind="bounding_boxes",
        labels=["cat"],
    )

    tasks = tasks_of(tenant.owner, labeling_project=project["id"])

    assert [task["item_ref"] for task in tasks] == ["cats/1.png", "cats/2.JPG"]
    assert tasks[0]["data"] == {"path": "cats/1.png", "size": 8}
    image = client_for().get(tasks[0]["item_url"])
    assert (image.status_code, image.getvalue()) == (200, b"\x89PNG one")


def test_a_failed_generation_leaves_no_tasks(
    tenant: Any, version: Any, django_capture_on_commit_callbacks: Any
) -> None:
    get_backend("storage").delete(version.storage_prefix + "data.jsonl")

    project = create(
        tenant.owner,
        django_capture_on_commit_callbacks,
        name="broken",
        version=version.pk,
        kind="classification",
        labels=["a"],
    )

    assert project["status"] == "failed"
    assert "data.jsonl" in project["error"]
    assert not LabelTask.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "text_spans", "text_column": ""}, "text_column"),
        ({"kind": "bounding_boxes", "text_column": ""}, "kind"),
        ({"text_column": "title"}, "text_column"),
        ({"labels": []}, "labels"),
        ({"labels": ["a", "a"]}, "labels"),
        ({"labels": [" "]}, "labels"),
        ({"kind": "sentiment"}, "kind"),
        ({"project": 1}, "project"),
    ],
)
def test_bad_projects_are_400(tenant: Any, version: Any, body: dict[str, Any], field: str) -> None:
    response = client_for(tenant.owner).post(
        PROJECTS,
        {
            "name": "bad",
            "version": version.pk,
            "kind": "classification",
            "labels": ["a", "b"],
            "text_column": "text",
            **body,
        },
        format="json",
    )

    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["details"]
    assert not LabelingProject.objects.exists()


def test_sources_must_be_ready_visible_and_small_enough(
    tenant: Any, other_tenant: Any, settings: Any
) -> None:
    settings.ZT_LABELING_MAX_TASKS = 3
    foreign = make_ready_version(other_tenant.owner, other_tenant.project, rows=REVIEWS)
    too_big = make_ready_version(tenant.owner, tenant.project, rows=REVIEWS)
    images = make_ready_version(
        tenant.owner, tenant.project, files={"a.png": b"png"}, fmt=DatasetFormat.IMAGE_ZIP
    )
    pending = make_ready_version(tenant.owner, tenant.project, rows=REVIEWS[:1])
    pending.status = "validating"
    pending.save(update_fields=["status"])
    client = client_for(tenant.owner)

    for version, kind in (
        (foreign, "classification"),
        (too_big, "classification"),
        (pending, "classification"),
        (images, "text_spans"),
    ):
        response = client.post(
            PROJECTS,
            {"name": "x", "version": version.pk, "kind": kind, "labels": ["a"]},
            format="json",
        )
        assert response.status_code == 400, response.content
        assert {"version", "kind"} & set(response.json()["error"]["details"])
    assert (
        "at most 3"
        in client.post(
            PROJECTS,
            {"name": "x", "version": too_big.pk, "kind": "classification", "labels": ["a"]},
            format="json",
        ).json()["error"]["message"]
    )


def test_labels_change_but_the_source_does_not(tenant: Any, sentiment: dict[str, Any]) -> None:
    client = client_for(tenant.owner)
    url = f"{PROJECTS}{sentiment['id']}/"

    relabeled = client.patch(url, {"labels": ["positive", "negative", "mixed"]}, format="json")
    rekinded = client.patch(url, {"kind": "text_spans"}, format="json")

    assert relabeled.status_code == 200
    assert relabeled.json()["labels"] == ["positive", "negative", "mixed"]
    assert relabeled.json()["task_count"] == 3
    assert rekinded.status_code == 400


def test_deleting_a_project_deletes_its_tasks(tenant: Any, sentiment: dict[str, Any]) -> None:
    annotate(tenant.owner, tasks_of(tenant.owner)[0]["id"], "positive")

    response = client_for(tenant.owner).delete(f"{PROJECTS}{sentiment['id']}/")

    assert response.status_code == 204
    assert not LabelTask.objects.exists()
    assert not Annotation.objects.exists()


# --- annotating and assigning --------------------------------------------------------------


def test_annotating_marks_the_task_done(tenant: Any, sentiment: dict[str, Any]) -> None:
    first = tasks_of(tenant.project_developer)[0]

    response = annotate(tenant.project_developer, first["id"], "positive")

    assert response.status_code == 201, response.content
    task = response.json()
    assert task["status"] == "done"
    assert [(a["value"], a["annotator"]["email"]) for a in task["annotations"]] == [
        ("positive", tenant.project_developer.email)
    ]
    project = client_for(tenant.owner).get(f"{PROJECTS}{sentiment['id']}/").json()
    assert project["done_count"] == 1
    assert AuditEvent.objects.filter(object_type="data_platform.annotation").count() == 1


def test_a_bad_annotation_is_400_and_changes_nothing(
    tenant: Any, sentiment: dict[str, Any]
) -> None:
    first = tasks_of(tenant.owner)[0]

    response = annotate(tenant.owner, first["id"], "neutral")

    assert response.status_code == 400
    assert response.json()["error"]["details"]["value"] == [
        "Must be one of the project's labels ['positive', 'negative']."
    ]
    assert LabelTask.objects.get(pk=first["id"]).status == "open"
    assert not Annotation.objects.exists()


def test_text_spans_end_to_end(
    tenant: Any, version: Any, django_capture_on_commit_callbacks: Any
) -> None:
    project = create(
        tenant.owner,
        django_capture_on_commit_callbacks,
        name="aspects",
        version=version.pk,
        kind="text_spans",
        labels=["battery", "screen"],
        text_column="text",
    )
    tasks = tasks_of(tenant.owner, labeling_project=project["id"])

    good = annotate(tenant.owner, tasks[0]["id"], [{"start": 17, "end": 24, "label": "battery"}])
    bad = annotate(tenant.owner, tasks[1]["id"], [{"start": 0, "end": 99, "label": "screen"}])

    assert good.status_code == 201
    assert good.json()["annotations"][0]["value"][0]["text"] == "battery"
    assert bad.status_code == 400
    assert "30 (the text's length)" in bad.json()["error"]["message"]


def test_viewers_cannot_annotate(tenant: Any, sentiment: dict[str, Any]) -> None:
    first = tasks_of(tenant.project_viewer)[0]

    assert annotate(tenant.project_viewer, first["id"], "positive").status_code == 403
    assert assign(tenant.project_viewer, first["id"], None).status_code == 403


def test_assign_to_members_who_may_annotate(
    tenant: Any, other_tenant: Any, sentiment: dict[str, Any]
) -> None:
    task_id = tasks_of(tenant.owner)[0]["id"]
    outsider = other_tenant.owner.pk

    assigned = assign(tenant.owner, task_id, tenant.project_developer.pk)
    not_a_member = assign(tenant.owner, task_id, outsider)
    nobody = assign(tenant.owner, task_id, 10**9)
    only_sees = assign(tenant.owner, task_id, tenant.project_viewer.pk)

    assert assigned.status_code == 200
    assert assigned.json()["assignee"]["email"] == tenant.project_developer.email
    assert not_a_member.status_code == nobody.status_code == only_sees.status_code == 400
    assert not_a_member.json()["error"] == nobody.json()["error"]  # no hint who exists
    assert "not annotate" in only_sees.json()["error"]["message"]
    unassigned = assign(tenant.project_developer, task_id, None)
    assert (unassigned.status_code, unassigned.json()["assignee"]) == (200, None)


def test_only_the_assignee_annotates_an_assigned_task(
    tenant: Any, sentiment: dict[str, Any]
) -> None:
    task_id = tasks_of(tenant.owner)[0]["id"]
    assign(tenant.owner, task_id, tenant.project_developer.pk)

    by_owner = annotate(tenant.owner, task_id, "positive")
    by_assignee = annotate(tenant.project_developer, task_id, "negative")

    assert by_owner.status_code == 403
    assert by_assignee.status_code == 201


def skip(user: Any, task_id: int) -> Any:
    return client_for(user).post(f"{TASKS}{task_id}/skip/")


def test_a_skipped_task_is_set_aside_until_someone_annotates_it(
    tenant: Any, sentiment: dict[str, Any]
) -> None:
    first, second, _ = (task["id"] for task in tasks_of(tenant.owner))
    assign(tenant.owner, second, tenant.admin.pk)

    skipped = skip(tenant.project_developer, first)
    not_theirs = skip(tenant.project_developer, second)
    by_viewer = skip(tenant.project_viewer, first)

    assert skipped.status_code == 200, skipped.content
    assert skipped.json()["status"] == "skipped"
    assert not_theirs.status_code == by_viewer.status_code == 403
    assert [task["id"] for task in tasks_of(tenant.owner, status="skipped")] == [first]
    project = client_for(tenant.owner).get(f"{PROJECTS}{sentiment['id']}/").json()
    assert (project["done_count"], project["skipped_count"]) == (0, 1)

    assert annotate(tenant.owner, first, "positive").json()["status"] == "done"
    already_done = skip(tenant.owner, first)
    assert already_done.status_code == 409
    assert already_done.json()["error"]["details"] == {"status": "done"}


def test_task_filters(tenant: Any, sentiment: dict[str, Any]) -> None:
    first, second, third = (task["id"] for task in tasks_of(tenant.owner))
    assign(tenant.owner, first, tenant.project_developer.pk)
    assign(tenant.owner, second, tenant.admin.pk)
    annotate(tenant.project_developer, first, "positive")

    def ids(user: Any, **params: Any) -> list[int]:
        return [task["id"] for task in tasks_of(user, **params)]

    assert ids(tenant.project_developer, assignee="me") == [first]
    assert ids(tenant.owner, assignee="none") == [third]
    assert ids(tenant.owner, assignee=tenant.admin.pk) == [second]
    assert ids(tenant.owner, status="done") == [first]
    assert ids(tenant.owner, labeling_project=sentiment["id"] + 1000) == []
    bad = client_for(tenant.owner).get(TASKS, {"assignee": "someone"})
    assert bad.status_code == 400


# --- export --------------------------------------------------------------------------------


def exported_lines(version: dict[str, Any]) -> list[dict[str, Any]]:
    key = f"{version['files'][0]['path']}"
    stored = Dataset.objects.get(pk=version["dataset"]).versions.get(pk=version["id"])
    with get_backend("storage").open(stored.storage_prefix + key) as chunks:
        return [json.loads(line) for line in b"".join(chunks).splitlines()]


def test_export_makes_a_new_version(tenant: Any, sentiment: dict[str, Any], version: Any) -> None:
    first, second, _third = (task["id"] for task in tasks_of(tenant.owner))
    assign(tenant.owner, first, tenant.project_developer.pk)
    annotate(tenant.project_developer, first, "negative")
    annotate(tenant.project_developer, first, "positive")
    annotate(tenant.owner, second, "negative")
    client = client_for(tenant.owner)

    response = client.post(f"{PROJECTS}{sentiment['id']}/export/", {}, format="json")

    assert response.status_code == 201, response.content
    exported = response.json()
    assert (exported["status"], exported["row_count"], exported["parents"]) == (
        "ready",
        3,
        [version.pk],
    )
    dataset = Dataset.objects.get(pk=exported["dataset"])
    assert (dataset.name, dataset.format, dataset.project_id) == (
        "sentiment labels",
        "jsonl",
        tenant.project.pk,
    )
    lines = exported_lines(exported)
    assert lines[0]["item_ref"] == "0"
    assert lines[0]["item"] == REVIEWS[0]
    assert (lines[0]["status"], lines[0]["assignee"]) == ("done", tenant.project_developer.email)
    assert [a["value"] for a in lines[0]["annotations"]] == ["negative", "positive"]
    assert lines[2]["annotations"] == []
    again = client.post(f"{PROJECTS}{sentiment['id']}/export/", {}, format="json").json()
    assert (again["dataset"], again["number"]) == (dataset.pk, 2)


def test_export_into_a_chosen_dataset(tenant: Any, sentiment: dict[str, Any]) -> None:
    chosen = make_dataset(tenant.owner, tenant.project, DatasetFormat.JSONL)
    csv = make_dataset(tenant.owner, tenant.project, DatasetFormat.CSV)
    url = f"{PROJECTS}{sentiment['id']}/export/"
    client = client_for(tenant.owner)

    into_chosen = client.post(url, {"dataset": chosen.pk, "message": "round 1"}, format="json")
    into_csv = client.post(url, {"dataset": csv.pk}, format="json")

    assert into_chosen.status_code == 201
    assert (into_chosen.json()["dataset"], into_chosen.json()["message"]) == (chosen.pk, "round 1")
    assert into_csv.status_code == 400
    assert "dataset" in into_csv.json()["error"]["details"]


def test_export_over_quota_stores_nothing(tenant: Any, sentiment: dict[str, Any]) -> None:
    used = storage_used(tenant.organization)
    update_object(tenant.owner, tenant.organization, storage_quota_bytes=used + 200)

    response = client_for(tenant.owner).post(f"{PROJECTS}{sentiment['id']}/export/", {})

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "quota_exceeded"
    exported = Dataset.objects.filter(name="sentiment labels").first()
    prefixes = [v.storage_prefix for v in exported.versions.all()] if exported else []
    assert all(not list(get_backend("storage").list(prefix)) for prefix in prefixes)


def test_export_needs_a_ready_project_and_write_access(
    tenant: Any, version: Any, sentiment: dict[str, Any]
) -> None:
    pending = labeling.create_project(
        tenant.owner, version=version, name="pending", kind="classification", labels=["a"]
    )

    viewer = client_for(tenant.project_viewer).post(f"{PROJECTS}{sentiment['id']}/export/", {})
    not_ready = client_for(tenant.owner).post(f"{PROJECTS}{pending.pk}/export/", {})

    assert viewer.status_code == 403
    assert not_ready.status_code == 409


def test_admin_pages(staff: Any, sentiment: dict[str, Any], client: Any) -> None:
    staff.is_superuser = True  # the admin shows models to superusers (or per-model perms)
    staff.save()
    client.force_login(staff)
    annotate(staff, tasks_of(staff)[0]["id"], "positive")

    for model in ("labelingproject", "labeltask", "annotation"):
        assert client.get(f"/admin/data_platform/{model}/").status_code == 200
    page = client.get(f"/admin/data_platform/labelingproject/{sentiment['id']}/change/")
    assert page.status_code == 200
