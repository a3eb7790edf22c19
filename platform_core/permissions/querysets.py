from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.db.models import Q

from platform_core.permissions.scope import Action

_M = TypeVar("_M", bound=models.Model)


class RestrictedQuerySet(models.QuerySet[_M]):
    """A queryset that knows how to narrow itself to what a user may do."""

    def restrict(self, user: Any, action: Action | str = Action.VIEW) -> RestrictedQuerySet[_M]:
        from platform_core.permissions.access import (
            access_for,
            bound_project_id,
            is_platform_operator,
            project_key_allows,
        )

        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        action = Action(action)
        scope = self.model.scope  # type: ignore[attr-defined]
        queryset = self
        if (bound := bound_project_id(user)) is not None:
            if not project_key_allows(scope, action):
                return self.none()
            queryset = self.filter(**{scope.project_id_path(): bound})
        if is_platform_operator(user):
            return queryset
        access = access_for(user)

        allowed = Q(pk__in=[])
        if org_ids := access.organizations_granting(scope.kind, action):
            allowed |= Q(**{f"{scope.organization_id_path()}__in": org_ids})
        if scope.project is not None and (
            project_ids := access.projects_granting(scope.kind, action)
        ):
            allowed |= Q(**{f"{scope.project_id_path()}__in": project_ids})
        # Per-object grants count only inside organizations the user belongs to, so
        # leaving an organization ends every grant in it.
        if (
            object_pks := access.granted_object_pks(self.model, action)
        ) and access.organization_roles:
            allowed |= Q(pk__in=object_pks) & Q(
                **{f"{scope.organization_id_path()}__in": list(access.organization_roles)}
            )
        return queryset.filter(allowed)
