from __future__ import annotations

from platform_core.api.serializers import ScopedPrimaryKeyRelatedField, StrictModelSerializer
from platform_core.models import Project

from ..models import Note


class NoteSerializer(StrictModelSerializer):
    project = ScopedPrimaryKeyRelatedField(Project)

    class Meta:
        model = Note
        fields = ["id", "organization", "project", "title", "body", "created_by", "created_at"]
        read_only_fields = ["id", "organization", "created_by", "created_at"]
        fixed_after_create = ["project"]
