"""Walks every scoped API endpoint: tenants never reach each other's objects.

A user of another organization never sees, lists, edits, deletes or creates an
object (404, or 400 for a body naming what they cannot see); a viewer may read but
never write (403). Every DRF view is either scoped or named below as unscoped. Later
apps get these tests by routing their viewsets and registering a sample factory and
create requests in tests/isolation.py style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.views import APIView

from platform_core.api.viewsets import (
    DEFAULT_OBJECT_ACTIONS,
    Adds,
    NotTenantScoped,
    ScopedGenericViewSet,
)
from platform_core.models import AuditEvent
from platform_core.permissions.scope import Action
from tests.factories import client_for
from tests.isolation import CreateRequest, load_app_samples, load_create_requests

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


#: DRF views outside the permission hub (each says why in dangerously_not_tenant_scoped).
UNSCOPED_VIEWS = {
    "TokenObtainView",
    "TokenRefreshView",
    "LogoutView",
    "AuthConfigView",
    "OidcExchangeView",
    "MeView",
    "UserViewSet",
    "SchemaView",
    "SwaggerView",
    "RedocView",
}
#: Scoped viewsets whose create adds to no tenant (each says why in dangerously_unscoped_create).
UNSCOPED_CREATES = {"OrganizationViewSet", "ApiKeyViewSet"}
#: POST routes a viewer may call because they only read.
READS_BY_POST = {"vector-collection-search"}


def _walk(patterns: list[Any], prefix: str = "") -> list[tuple[str, Any, str | None]]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            found.extend(_walk(pattern.url_patterns, route))
        elif isinstance(pattern, URLPattern):
            found.append((route, pattern.callback, pattern.name))
    return found


ROUTES = _walk(get_resolver().url_patterns)


def scoped_endpoints() -> list[Endpoint]:
    lists: dict[type, str] = {}
    detail_methods: dict[type, set[str]] = {}
    for route, callback, _name in ROUTES:
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


@dataclass(frozen=True)
class PostRoute:
    name: str
    viewset: Any
    action: str

    @property
    def adds(self) -> Adds | None:
        declared: Adds | None = self.viewset.adds.get(self.action)
        return declared


def scoped_post_routes() -> list[PostRoute]:
    routes = []
    for _route, callback, name in ROUTES:
        viewset = getattr(callback, "cls", None)
        action = (getattr(callback, "actions", None) or {}).get("post")
        if action and viewset is not None and issubclass(viewset, ScopedGenericViewSet):
            routes.append(PostRoute(name, viewset, action))
    return sorted(routes, key=lambda route: route.name)


POST_ROUTES = scoped_post_routes()
CREATE_ROUTES = [route for route in POST_ROUTES if route.adds is not None]


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


def test_every_drf_view_is_scoped_or_named_as_unscoped():
    unscoped = set()
    for route, callback, _name in ROUTES:
        view = getattr(callback, "cls", None)
        if view is None or not issubclass(view, APIView) or issubclass(view, ScopedGenericViewSet):
            continue
        assert issubclass(view, NotTenantScoped), (
            f"{view.__name__} (/{route}) is outside the scoped bases: subclass one, or "
            "UnscopedAPIView/UnscopedViewSet with a reason, and list it here"
        )
        unscoped.add(view.__name__)
    assert unscoped == UNSCOPED_VIEWS


def test_creates_that_add_to_no_tenant_are_named():
    unscoped = {
        route.viewset.__name__
        for route in POST_ROUTES
        if route.action == "create" and route.adds is None
    }
    assert unscoped == UNSCOPED_CREATES
    for route in POST_ROUTES:
        if route.viewset.__name__ in UNSCOPED_CREATES and route.action == "create":
            assert route.viewset.dangerously_unscoped_create.strip()


def test_every_post_a_viewer_may_reach_declares_what_it_adds():
    reads = set()
    for route in POST_ROUTES:
        if route.action == "create" or route.adds is not None:
            continue
        needed = {**DEFAULT_OBJECT_ACTIONS, **route.viewset.object_actions}.get(
            route.action, Action.CHANGE
        )
        if needed == Action.VIEW:
            assert route.name in READS_BY_POST, (
                f"{route.name} lets viewers POST: declare what it adds in "
                f"{route.viewset.__name__}.adds, or list it in READS_BY_POST if it only reads"
            )
            reads.add(route.name)
    assert reads == READS_BY_POST


def test_the_walker_finds_the_create_routes():
    names = {route.name for route in CREATE_ROUTES}
    assert {"project-list", "organization-members", "project-members"} <= names


@pytest.mark.parametrize("route", CREATE_ROUTES, ids=lambda r: r.name)
def test_every_create_route_has_a_create_request(route):
    assert route.name in load_create_requests(), (
        f"register a @create_request_for({route.name!r}) next to the app's samples"
    )


def _written(route: PostRoute) -> list[int]:
    assert route.adds is not None
    models = [*route.adds.models, AuditEvent]
    return [model._default_manager.count() for model in models]


def _send(user: Any, request: CreateRequest) -> Any:
    return client_for(user).post(request.path, request.data, format=request.format)


@pytest.mark.parametrize("route", CREATE_ROUTES, ids=lambda r: r.name)
def test_a_viewer_never_creates(route, tenant):
    request = load_create_requests()[route.name](tenant)
    before = _written(route)

    response = _send(tenant.viewer, request)

    assert response.status_code == 403, f"POST {request.path}: {response.content!r}"
    assert _written(route) == before


@pytest.mark.parametrize("route", CREATE_ROUTES, ids=lambda r: r.name)
def test_an_outsider_never_creates_in_another_tenant(route, tenant, other_tenant):
    request = load_create_requests()[route.name](tenant)
    before = _written(route)

    response = _send(other_tenant.owner, request)

    if route.action == "create":
        # The body names an organization, project or row the outsider cannot see; it is
        # refused as nonexistent, exactly like an id that never existed.
        assert response.status_code == 400, response.content
        assert route.adds is not None
        assert route.adds.into in response.json()["error"]["details"]
    else:
        assert response.status_code == 404, f"POST {request.path}: {response.content!r}"
    assert _written(route) == before


@pytest.mark.parametrize("route", CREATE_ROUTES, ids=lambda r: r.name)
def test_the_create_requests_pass_for_the_owner(route, tenant):
    """The refusals above are the permission hub's, not a malformed request's."""
    request = load_create_requests()[route.name](tenant)

    response = _send(tenant.owner, request)

    assert response.status_code in (200, 201, 202), f"POST {request.path}: {response.content!r}"
