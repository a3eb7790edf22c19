"""Viewset bases: every queryset a user reaches is narrowed by the permission hub.

Subclasses provide ``base_queryset()`` (and may narrow further with
``filter_queryset``); ``get_queryset`` and ``get_object`` are final, so no view
can skip the scoping.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from rest_framework import exceptions, mixins, viewsets
from rest_framework.request import Request

from platform_core.models import User
from platform_core.permissions.access import user_can, user_can_add
from platform_core.permissions.scope import Action

_FINAL_METHODS = ("get_queryset", "get_object")

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


class ScopedGenericViewSet(viewsets.GenericViewSet):
    #: Extra object actions of custom @action methods, e.g. {"members": Action.CHANGE}.
    object_actions: ClassVar[dict[str, Action]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name in _FINAL_METHODS:
            if name in cls.__dict__:
                raise TypeError(
                    f"{cls.__name__} must not override {name}(); override base_queryset() instead."
                )

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
        return obj

    def require_add(
        self, model: type[models.Model], organization: Any, project: Any = None
    ) -> None:
        if not user_can_add(self.acting_user, model, organization, project):
            where = (
                f"project {project.slug!r}"
                if project is not None
                else f"organization {organization.slug!r}"
            )
            raise exceptions.PermissionDenied(
                f"You may not add a {model._meta.verbose_name} in {where}."
            )


class ScopedModelViewSet(
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    ScopedGenericViewSet,
):
    pass


class ScopedReadOnlyViewSet(mixins.RetrieveModelMixin, mixins.ListModelMixin, ScopedGenericViewSet):
    pass
