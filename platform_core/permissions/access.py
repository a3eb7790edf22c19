"""A user's memberships and per-object grants, loaded once per request."""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from platform_core.permissions.roles import organization_roles_granting, project_roles_granting
from platform_core.permissions.scope import Action, Kind

if TYPE_CHECKING:
    from platform_core.models import Organization, Project

_CACHE_ATTRIBUTE = "_zt_access"


class UserAccess:
    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def organization_roles(self) -> dict[int, str]:
        from platform_core.models import OrganizationMembership

        rows = OrganizationMembership.objects.filter(user=self.user).values_list(
            "organization_id", "role"
        )
        return dict(rows)

    @cached_property
    def project_roles(self) -> dict[int, tuple[int, str]]:
        """project id → (organization id, role)."""
        from platform_core.models import ProjectMembership

        rows = ProjectMembership.objects.filter(user=self.user).values_list(
            "project_id", "project__organization_id", "role"
        )
        return {project_id: (org_id, role) for project_id, org_id, role in rows}

    @cached_property
    def object_grants(self) -> dict[tuple[int, str], set[str]]:
        """(content type id, codename) → object pks granted to the user or their groups."""
        from guardian.models import GroupObjectPermission, UserObjectPermission

        grants: dict[tuple[int, str], set[str]] = defaultdict(set)
        fields = ("content_type_id", "permission__codename", "object_pk")
        user_rows = UserObjectPermission.objects.filter(user=self.user).values_list(*fields)
        group_rows = GroupObjectPermission.objects.filter(group__user=self.user).values_list(
            *fields
        )
        for content_type_id, codename, object_pk in user_rows.union(group_rows, all=True):
            grants[(content_type_id, codename)].add(object_pk)
        return grants

    def organizations_granting(self, kind: Kind, action: Action) -> list[int]:
        roles = organization_roles_granting(kind, action)
        return [org_id for org_id, role in self.organization_roles.items() if role in roles]

    def projects_granting(self, kind: Kind, action: Action) -> list[int]:
        roles = project_roles_granting(kind, action)
        return [pid for pid, (_org, role) in self.project_roles.items() if role in roles]

    def granted_object_pks(self, model: type[models.Model], action: Action) -> list[str]:
        """Objects granted ``action`` directly; any grant on an object lets one see it."""
        content_type = ContentType.objects.get_for_model(model)
        actions = list(Action) if action == Action.VIEW else [action]
        pks: set[str] = set()
        for granted in actions:
            pks |= self.object_grants.get(
                (content_type.pk, f"{granted}_{model._meta.model_name}"), set()
            )
        return sorted(pks)


def access_for(user: Any) -> UserAccess:
    access = getattr(user, _CACHE_ATTRIBUTE, None)
    if access is None:
        access = UserAccess(user)
        setattr(user, _CACHE_ATTRIBUTE, access)
    return access


def forget_access(user: Any) -> None:
    """Drop cached memberships after they change (the next check reloads them)."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def is_platform_operator(user: Any) -> bool:
    return bool(user.is_active and (user.is_staff or user.is_superuser))


def user_can(user: Any, action: Action | str, obj: models.Model) -> bool:
    """Whether ``user`` may perform ``action`` on the existing object ``obj``."""
    manager = type(obj)._default_manager
    return manager.filter(pk=obj.pk).restrict(user, Action(action)).exists()  # type: ignore[attr-defined]


def user_can_add(
    user: Any,
    model: type[models.Model],
    organization: Organization,
    project: Project | None = None,
) -> bool:
    """Whether ``user`` may create a ``model`` row in ``organization`` (and ``project``)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_platform_operator(user):
        return True
    kind = model.scope.kind  # type: ignore[attr-defined]
    access = access_for(user)
    if organization.pk in access.organizations_granting(kind, Action.ADD):
        return True
    return project is not None and project.pk in access.projects_granting(kind, Action.ADD)
