"""Viewset bases: every queryset a user reaches is narrowed by the permission hub, and every
create is checked where it adds its rows.

Subclasses provide ``base_queryset()`` (and may narrow further with ``filter_queryset``);
``get_queryset``, ``get_object`` and ``create`` are final, so no view can skip the scoping.
What a create adds, and where, is declared once per route in ``adds``; the base checks it.

A DRF view that serves nothing of any one tenant (accounts, tokens, the schema) inherits
``UnscopedAPIView`` or ``UnscopedViewSet`` and says why in ``dangerously_not_tenant_scoped``;
the tenant-isolation walker lists every one of them by name.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from platform_core.models import Organization, Project, User
from platform_core.permissions.access import user_can, user_can_add
from platform_core.permissions.scope import Action

_FINAL_METHODS = ("get_queryset", "get_object", "create")

#: DRF action name → what the user must be allowed to do to the object.
DEFAULT_OBJECT_ACTIONS: dict[str, Action] = {
    "retrieve": Action.VIEW,
    "update": Action.CHANGE,
    "partial_update": Action.CHANGE,
    "destroy": Action.DELETE,
}


def acting_user(request: Request) -> User:
    """The authenticated user of a request that passed IsAuthenticated."""
    user = request.user
    if not isinstance(user, User):
        raise exceptions.NotAuthenticated()
    return user


def tenant_of(where: Any) -> tuple[Organization, Project | None]:
    """The organization and project of an organization, a project or a row inside one."""
    if isinstance(where, Organization):
        return where, None
    if isinstance(where, Project):
        return where.organization, where
    return where.organization, getattr(where, "project", None)


class Adds:
    """What a creating route adds, and where.

    ``into`` names the validated input field holding the organization, project or row the
    new rows go into (``"project"``, ``"version"``...). Without it they go where the object
    the action is on lives (a dataset's versions, a task's annotations).
    """

    __slots__ = ("into", "models")

    def __init__(self, *models: type[models.Model], into: str | None = None) -> None:
        if not models:
            raise TypeError("Adds() needs the models the route adds.")
        self.models = models
        self.into = into

    def __repr__(self) -> str:
        names = ", ".join(model.__name__ for model in self.models)
        return f"Adds({names}, into={self.into!r})"


class ScopedGenericViewSet(viewsets.GenericViewSet):
    #: Extra object actions of custom @action methods, e.g. {"members": Action.CHANGE}.
    object_actions: ClassVar[dict[str, Action]] = {}
    #: What each creating route adds, e.g. {"create": Adds(Dataset, into="project"),
    #: "versions": Adds(DatasetVersion)}. Writes to these routes are refused (403) unless
    #: the user may add every one of the models there.
    adds: ClassVar[Mapping[str, Adds]] = {}
    #: Why this viewset's create adds nothing to any tenant (e.g. a new organization).
    dangerously_unscoped_create: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__module__ == __name__:  # the bases below define them
            return
        for name in _FINAL_METHODS:
            if name in cls.__dict__:
                hint = "perform_create()" if name == "create" else "base_queryset()"
                raise TypeError(f"{cls.__name__} must not override {name}(); override {hint}.")

    @classmethod
    def as_view(cls, actions: Any = None, **initkwargs: Any) -> Any:
        cls.check_declarations()
        return super().as_view(actions, **initkwargs)

    @classmethod
    def check_declarations(cls) -> None:
        """Refuses to route a viewset whose creates are not all checked."""
        create = getattr(cls, "create", None)
        if create is not None:
            if inspect.unwrap(create) is not ScopedCreateMixin.create:
                raise ImproperlyConfigured(
                    f"{cls.__name__}.create comes from {create.__qualname__}; scoped viewsets "
                    "create through ScopedCreateMixin, which checks where the rows go."
                )
            if "create" not in cls.adds and not cls.dangerously_unscoped_create:
                raise ImproperlyConfigured(
                    f"{cls.__name__} creates rows but does not say where: declare "
                    "adds = {'create': Adds(Model, into='<field>')}."
                )
        for name, declared in cls.adds.items():
            if name == "create":
                if create is None or declared.into is None:
                    raise ImproperlyConfigured(
                        f"{cls.__name__}.adds['create'] needs a create route and into=<field>."
                    )
            elif not hasattr(getattr(cls, name, None), "mapping"):
                raise ImproperlyConfigured(f"{cls.__name__}.adds names {name!r}: not an @action.")

    def base_queryset(self) -> models.QuerySet[Any]:
        raise NotImplementedError(f"{type(self).__name__} must define base_queryset()")

    def get_queryset(self) -> models.QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # OpenAPI generation has no user
            return self.base_queryset().none()
        queryset = self.base_queryset()
        if not queryset.ordered:  # aggregating querysets drop Meta.ordering; pages need one
            queryset = queryset.order_by(*(queryset.model._meta.ordering or ["-pk"]))
        return queryset.restrict(self.acting_user, Action.VIEW)  # type: ignore[attr-defined]

    def required_object_action(self) -> Action:
        actions = {**DEFAULT_OBJECT_ACTIONS, **self.object_actions}
        if self.action in actions:
            return actions[self.action]
        return Action.VIEW if self.request.method in ("GET", "HEAD", "OPTIONS") else Action.CHANGE

    @property
    def acting_user(self) -> User:
        return acting_user(self.request)

    def get_object(self) -> Any:
        obj = super().get_object()  # 404 when the user may not see it
        action = self.required_object_action()
        if action != Action.VIEW and not user_can(self.acting_user, action, obj):
            raise exceptions.PermissionDenied(
                f"You may view this {obj._meta.verbose_name} but not {action} it."
            )
        declared = self._declared_adds()
        if declared is not None and declared.into is None:
            self._require_add(declared, obj)
        return obj

    def action_input(self, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
        """The request body of an action, validated; checks an ``into`` declared in ``adds``."""
        data = serializer_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        validated = dict(data.validated_data)
        declared = self._declared_adds()
        if declared is not None and declared.into is not None:
            self._require_add(declared, validated[declared.into])
        return validated

    def _declared_adds(self) -> Adds | None:
        """What the current request adds: declared for its action, and it is a write."""
        if self.request.method in SAFE_METHODS:
            return None
        return self.adds.get(getattr(self, "action", None) or "")

    def _require_add(self, declared: Adds, where: Any) -> None:
        organization, project = tenant_of(where)
        for model in declared.models:
            if not user_can_add(self.acting_user, model, organization, project):
                place = (
                    f"project {project.slug!r}"
                    if project is not None
                    else f"organization {organization.slug!r}"
                )
                name = model._meta.verbose_name
                article = "an" if str(name)[:1].lower() in "aeiou" else "a"
                raise exceptions.PermissionDenied(f"You may not add {article} {name} in {place}.")
        self._adds_checked = True

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        declared = self._declared_adds()
        if (
            declared is not None
            and response.status_code < 400
            and not getattr(self, "_adds_checked", False)
        ):
            raise ImproperlyConfigured(
                f"{type(self).__name__}.{self.action} declares {declared!r} but succeeded "
                "without checking it: reach the object through get_object() and the input "
                "through action_input()."
            )
        return super().finalize_response(request, response, *args, **kwargs)


# Comments rather than docstrings on the bases below: the OpenAPI schema describes each
# operation with its view's docstring, inherited ones included.


class ScopedCreateMixin(mixins.CreateModelMixin, ScopedGenericViewSet):
    # The one create of scoped viewsets: validate, check ``adds["create"]``, then create.
    # Views customise ``perform_create`` (through the audited services) and, for another
    # body or status, ``created_response``; ``create`` itself is final.

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if (declared := self.adds.get("create")) is not None:
            self._require_add(declared, serializer.validated_data[declared.into])
        self.perform_create(serializer)
        return self.created_response(serializer)

    def created_response(self, serializer: Any) -> Response:
        headers = self.get_success_headers(serializer.data)
        return Response(serializer.data, status=status.HTTP_201_CREATED, headers=headers)


class ScopedModelViewSet(
    ScopedCreateMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
):
    pass


class ScopedReadOnlyViewSet(mixins.RetrieveModelMixin, mixins.ListModelMixin, ScopedGenericViewSet):
    pass


class NotTenantScoped:
    # The escape hatch from the permission hub, for views that serve nothing of any tenant.
    # Each concrete view states why in its own ``dangerously_not_tenant_scoped``; without a
    # reason it cannot be routed.

    dangerously_not_tenant_scoped: ClassVar[str] = ""

    @classmethod
    def as_view(cls, *args: Any, **kwargs: Any) -> Any:
        if not cls.__dict__.get("dangerously_not_tenant_scoped", "").strip():
            raise ImproperlyConfigured(
                f"{cls.__name__} is not tenant-scoped: say why in dangerously_not_tenant_scoped."
            )
        return super().as_view(*args, **kwargs)  # type: ignore[misc]


class UnscopedAPIView(NotTenantScoped, APIView):
    pass


class UnscopedViewSet(NotTenantScoped, viewsets.GenericViewSet):
    pass
