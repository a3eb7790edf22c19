"""Serializer building blocks every app's API uses."""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import serializers


class StrictSerializer(serializers.Serializer):
    """Rejects fields it does not know, so a typo never passes silently."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data) - writable)
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)


class StrictModelSerializer(StrictSerializer, serializers.ModelSerializer):
    # ``Meta.fixed_after_create`` names fields set on create that an update may not change:
    # read-only once there is an instance, so sending one is refused as unknown. (A comment:
    # the OpenAPI schema describes each serializer with its docstring, inherited ones too.)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            for name in getattr(self.Meta, "fixed_after_create", ()):
                fields[name].read_only = True
        return fields


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference to another resource: only ones the requesting user can see are accepted.

    Unseen and nonexistent ids give the same answer, so ids of other tenants leak nothing.
    """

    def __init__(self, model: type[models.Model], **kwargs: Any) -> None:
        self.model = model
        # convention: allow raw-queryset -- DRF wants one up front; get_queryset() is used
        kwargs.setdefault("queryset", model._default_manager.all())
        super().__init__(**kwargs)

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return self.model._default_manager.all().restrict(user, "view")  # type: ignore[attr-defined]
