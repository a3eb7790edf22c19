"""Viewset bases: every queryset a user reaches is narrowed by the permission hub.

Subclasses provide ``base_queryset()`` (and may narrow further with
``filter_queryset``); ``get_queryset`` and ``get_object`` are final, so no view
can skip the scoping.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from rest_framework import exceptions, viewsets
from rest_framework.request import Request

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


class ScopedViewSetMixin:
    request: Request
    action: str | None
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
        return self.base_queryset().restrict(self.request.user, Action.VIEW)  # type: ignore[attr-defined]

    def required_object_action(self) -> Action:
        actions = {**DEFAULT_OBJECT_ACTIONS, **self.object_actions}
        if self.action in actions:
            return actions[self.action]
        return Action.VIEW if self.request.method in ("GET", "HEAD", "OPTIONS") else Action.CHANGE

    def get_object(self) -> Any:
        obj = super().get_object()  # type: ignore[misc]  # 404 when the user may not see it
        action = self.required_object_action()
        if action != Action.VIEW and not user_can(self.request.user, action, obj):
            raise exceptions.PermissionDenied(f"You may view this {obj._meta.verbose_name} but not {action} it.")
        return obj

    def require_add(self, model: type[models.Model], organization: Any, project: Any = None) -> None:
        if not user_can_add(self.request.user, model, organization, project):
            where = f"project {project.slug!r}" if project is not None else f"organization {organization.slug!r}"
            raise exceptions.PermissionDenied(f"You may not add a {model._meta.verbose_name} in {where}.")


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    pass


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
