from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Action(StrEnum):
    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"


class Kind(StrEnum):
    """What a role grants depends on the kind of thing acted on."""

    ORGANIZATION = "organization"
    ORGANIZATION_MEMBERSHIP = "organization_membership"
    PROJECT = "project"
    PROJECT_MEMBERSHIP = "project_membership"
    RESOURCE = "resource"
    AUDIT = "audit"


@dataclass(frozen=True)
class Scope:
    """Where a model's rows hang in the tenant tree.

    ``organization`` and ``project`` are ORM lookup paths from the model to the
    organization id and project id ("pk" when the model is that thing itself);
    ``project`` is None for rows that do not live in a project.
    """

    organization: str = "organization"
    project: str | None = "project"
    kind: Kind = Kind.RESOURCE

    def organization_id_path(self) -> str:
        return "pk" if self.organization == "pk" else f"{self.organization}_id"

    def project_id_path(self) -> str:
        if self.project is None:
            raise ValueError("These rows do not live in a project.")
        return "pk" if self.project == "pk" else f"{self.project}_id"
