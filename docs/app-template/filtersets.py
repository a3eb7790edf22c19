"""Filters of the app's list endpoints: TenantSafeFilterSet never reveals other tenants' ids."""

from platform_core.api.filters import TenantSafeFilterSet

from .models import Note


class NoteFilter(TenantSafeFilterSet):
    class Meta:
        model = Note
        fields = ["project"]
