"""Which actions each role grants, per kind of object.

Organization roles apply to everything in the organization; project roles to
everything in the project. Grants add up: the union of all of a user's roles
(and per-object grants) is what they may do.
"""

from __future__ import annotations

from platform_core.permissions.scope import Action, Kind
from platform_core.tenancy.choices import OrganizationRole as O
from platform_core.tenancy.choices import ProjectRole as P

VIEW, ADD, CHANGE, DELETE = Action.VIEW, Action.ADD, Action.CHANGE, Action.DELETE
ALL_ORG_ROLES = frozenset(O)
ALL_PROJECT_ROLES = frozenset(P)

ORGANIZATION_ROLE_GRANTS: dict[Kind, dict[Action, frozenset[str]]] = {
    Kind.ORGANIZATION: {
        VIEW: ALL_ORG_ROLES,
        CHANGE: frozenset({O.OWNER, O.ADMIN}),
        DELETE: frozenset({O.OWNER}),
    },
    Kind.ORGANIZATION_MEMBERSHIP: {
        VIEW: ALL_ORG_ROLES,
        ADD: frozenset({O.OWNER, O.ADMIN}),
        CHANGE: frozenset({O.OWNER, O.ADMIN}),
        DELETE: frozenset({O.OWNER, O.ADMIN}),
    },
    Kind.PROJECT: {
        VIEW: ALL_ORG_ROLES,
        ADD: frozenset({O.OWNER, O.ADMIN, O.MEMBER}),
        CHANGE: frozenset({O.OWNER, O.ADMIN}),
        DELETE: frozenset({O.OWNER, O.ADMIN}),
    },
    Kind.PROJECT_MEMBERSHIP: {
        VIEW: ALL_ORG_ROLES,
        ADD: frozenset({O.OWNER, O.ADMIN}),
        CHANGE: frozenset({O.OWNER, O.ADMIN}),
        DELETE: frozenset({O.OWNER, O.ADMIN}),
    },
    Kind.RESOURCE: {
        VIEW: ALL_ORG_ROLES,
        ADD: frozenset({O.OWNER, O.ADMIN}),
        CHANGE: frozenset({O.OWNER, O.ADMIN}),
        DELETE: frozenset({O.OWNER, O.ADMIN}),
    },
    Kind.AUDIT: {VIEW: frozenset({O.OWNER, O.ADMIN})},
}

PROJECT_ROLE_GRANTS: dict[Kind, dict[Action, frozenset[str]]] = {
    Kind.PROJECT: {
        VIEW: ALL_PROJECT_ROLES,
        CHANGE: frozenset({P.OWNER, P.MAINTAINER}),
        DELETE: frozenset({P.OWNER}),
    },
    Kind.PROJECT_MEMBERSHIP: {
        VIEW: ALL_PROJECT_ROLES,
        ADD: frozenset({P.OWNER, P.MAINTAINER}),
        CHANGE: frozenset({P.OWNER, P.MAINTAINER}),
        DELETE: frozenset({P.OWNER, P.MAINTAINER}),
    },
    Kind.RESOURCE: {
        VIEW: ALL_PROJECT_ROLES,
        ADD: frozenset({P.OWNER, P.MAINTAINER, P.DEVELOPER}),
        CHANGE: frozenset({P.OWNER, P.MAINTAINER, P.DEVELOPER}),
        DELETE: frozenset({P.OWNER, P.MAINTAINER}),
    },
}


def organization_roles_granting(kind: Kind, action: Action) -> frozenset[str]:
    return ORGANIZATION_ROLE_GRANTS.get(kind, {}).get(action, frozenset())


def project_roles_granting(kind: Kind, action: Action) -> frozenset[str]:
    return PROJECT_ROLE_GRANTS.get(kind, {}).get(action, frozenset())


#: Higher outranks lower: nobody grants, changes or removes a role above their own.
ORGANIZATION_ROLE_RANK: dict[str, int] = {O.VIEWER: 0, O.MEMBER: 1, O.ADMIN: 2, O.OWNER: 3}
PROJECT_ROLE_RANK: dict[str, int] = {P.VIEWER: 0, P.DEVELOPER: 1, P.MAINTAINER: 2, P.OWNER: 3}
