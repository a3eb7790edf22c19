"""``/api/v1/notes/``: the scoped bases restrict what is read and check where creates go."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from platform_core.api.viewsets import Adds, ScopedModelViewSet

from ..filtersets import NoteFilter
from ..models import Note
from ..services import notes
from .serializers import NoteSerializer


class NoteViewSet(ScopedModelViewSet):
    """Notes of a project."""

    serializer_class = NoteSerializer
    filterset_class = NoteFilter
    search_fields = ["title", "body"]
    ordering_fields = ["id", "title", "created_at"]
    adds = {"create": Adds(Note, into="project")}

    def base_queryset(self) -> QuerySet[Note]:
        return Note.objects.all()

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = notes.create_note(self.acting_user, **serializer.validated_data)

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = notes.update_note(
            self.acting_user, serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: Note) -> None:
        notes.delete_note(self.acting_user, instance)
