"""A user's memberships and per-object grants, loaded once per request.

A request authenticated by a project-bound API key acts only inside that project: the key
is attached to the request's user (``act_through_key``) and every check here narrows to the
project, so views need no checks of their own.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from platform_core.permissions.roles import organization_roles_granting, project_roles_granting
from platform_core.permissions.scope import Action, Kind, Scope

if TYPE_CHECKING:
    from platform_core.models import ApiKey, Organization, Project

_CACHE_ATTRIBUTE = "_zt_access"
_KEY_ATTRIBUTE = "_zt_api_key"

#: Through a project-bound key the project itself and its memberships are read-only: a
#: key works with the project's resources, it never changes who holds power over them.
READ_ONLY_THROUGH_PROJECT_KEYS = frozenset({Kind.PROJECT, Kind.PROJECT_MEMBERSHIP})


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


def act_through_key(user: Any, api_key: ApiKey) -> None:
    """``user`` (this instance: the request's) acts through ``api_key`` from now on."""
    setattr(user, _KEY_ATTRIBUTE, api_key)


def acting_key(user: Any) -> ApiKey | None:
    """The API key the request's user authenticated with, if any."""
    return getattr(user, _KEY_ATTRIBUTE, None)


def bound_project_id(user: Any) -> int | None:
    """The project the user's credential is bound to (None: not bound)."""
    api_key = acting_key(user)
    return api_key.project_id if api_key is not None else None


def project_key_allows(scope: Scope, action: Action) -> bool:
    """Whether a project-bound key may do ``action`` on some rows of this kind: only rows that
    live in a project, and the project and its memberships only to read them."""
    if scope.project is None:
        return False
    return action == Action.VIEW or scope.kind not in READ_ONLY_THROUGH_PROJECT_KEYS


def may_create_organizations(user: Any) -> bool:
    return bound_project_id(user) is None


def member_sees_project(user: Any, project: Project) -> bool:
    """Whether the user's own memberships (not operator rights) let them see ``project``."""
    access = access_for(user)
    return project.organization_id in access.organizations_granting(
        Kind.PROJECT, Action.VIEW
    ) or project.pk in access.projects_granting(Kind.PROJECT, Action.VIEW)


def is_platform_operator(user: Any) -> bool:
    """Staff operate the whole platform, except through a project-bound key."""
    return bool(
        user.is_active and (user.is_staff or user.is_superuser) and bound_project_id(user) is None
    )


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
    scope: Scope = model.scope  # type: ignore[attr-defined]
    bound = bound_project_id(user)
    if bound is not None and (
        project is None or project.pk != bound or not project_key_allows(scope, Action.ADD)
    ):
        return False
    if is_platform_operator(user):
        return True
    kind = scope.kind
    access = access_for(user)
    if organization.pk in access.organizations_granting(kind, Action.ADD):
        return True
    return project is not None and project.pk in access.projects_granting(kind, Action.ADD)
