"""Walks every scoped API endpoint: tenants never reach each other's objects.

A user of another organization never sees, lists, edits or deletes an object
(404); a viewer may read but never write (403). Later apps get these tests by
registering their viewsets and a sample factory in tests/isolation.py style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver

from platform_core.api.viewsets import ScopedGenericViewSet
from tests.factories import client_for
from tests.isolation import load_app_samples

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Endpoint:
    list_url: str
    viewset: type
    methods: frozenset[str]  # allowed on the detail route

    @property
    def model(self) -> Any:
        return self.viewset().base_queryset().model

    def detail_url(self, pk: Any) -> str:
        return f"{self.list_url}{pk}/"


def _walk(patterns: list[Any], prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            found.extend(_walk(pattern.url_patterns, route))
        elif isinstance(pattern, URLPattern):
            found.append((route, pattern.callback))
    return found


def scoped_endpoints() -> list[Endpoint]:
    lists: dict[type, str] = {}
    detail_methods: dict[type, set[str]] = {}
    for route, callback in _walk(get_resolver().url_patterns):
        viewset = getattr(callback, "cls", None)
        actions = getattr(callback, "actions", None) or {}
        if viewset is None or not issubclass(viewset, ScopedGenericViewSet):
            continue
        if actions.get("get") == "list":
            lists[viewset] = "/" + route
        elif actions.get("get") == "retrieve" and re.search(r"\(\?P<pk>[^)]*\)/$", route):
            detail_methods[viewset] = {method.upper() for method in actions}
    return [
        Endpoint(url, viewset, frozenset(detail_methods.get(viewset, ())))
        for viewset, url in sorted(lists.items(), key=lambda item: item[1])
    ]


ENDPOINTS = scoped_endpoints()


def test_the_walker_finds_the_core_endpoints():
    urls = {endpoint.list_url for endpoint in ENDPOINTS}
    assert {
        "/api/v1/organizations/",
        "/api/v1/projects/",
        "/api/v1/api-keys/",
        "/api/v1/audit-events/",
    } <= urls


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.list_url)
def test_every_scoped_endpoint_has_a_sample_factory(endpoint):
    assert endpoint.model in load_app_samples(), f"register a sample for {endpoint.model.__name__}"


def _ids(response: Any) -> set[Any]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.list_url)
def test_another_tenant_never_reaches_the_object(endpoint, tenant, other_tenant):
    obj = load_app_samples()[endpoint.model](tenant)
    outsider = client_for(other_tenant.owner)

    assert obj.pk not in _ids(outsider.get(endpoint.list_url, {"page_size": 1000}))
    assert outsider.get(endpoint.detail_url(obj.pk)).status_code == 404
    for method in ("PATCH", "PUT", "DELETE"):
        if method in endpoint.methods:
            response = getattr(outsider, method.lower())(
                endpoint.detail_url(obj.pk), {}, format="json"
            )
            assert response.status_code == 404, (
                f"{method} {endpoint.list_url}: {response.status_code}"
            )
    assert type(obj).objects.filter(pk=obj.pk).exists()

    assert obj.pk in _ids(client_for(tenant.owner).get(endpoint.list_url, {"page_size": 1000}))


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.list_url)
def test_a_viewer_can_never_write(endpoint, tenant):
    obj = load_app_samples()[endpoint.model](tenant)
    viewer = client_for(tenant.viewer)
    visible = viewer.get(endpoint.detail_url(obj.pk)).status_code
    assert visible in (200, 404)
    for method in ("PATCH", "PUT", "DELETE"):
        if method in endpoint.methods:
            response = getattr(viewer, method.lower())(
                endpoint.detail_url(obj.pk), {}, format="json"
            )
            assert response.status_code == (403 if visible == 200 else 404), (
                f"{method} {endpoint.list_url}"
            )
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.list_url)
def test_list_query_count_does_not_grow_with_the_page(endpoint, tenant):
    sample = load_app_samples()[endpoint.model]
    for _ in range(6):
        sample(tenant)
    client = client_for(tenant.owner)
    # Once-per-process lookups (content types) are paid here, not by the first measured page.
    assert client.get(endpoint.list_url).status_code == 200
    counts = []
    for page_size in (1, 100):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(endpoint.list_url, {"page_size": page_size})
        assert response.status_code == 200
        rows = len(response.json()["results"])
        assert rows == 1 if page_size == 1 else rows >= 6
        counts.append(len(queries))
    assert counts[0] == counts[1], (
        f"{endpoint.list_url}: {counts[0]} queries for 1 row, {counts[1]} for 100"
    )
    assert counts[1] <= 10
