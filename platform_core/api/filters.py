"""Filtering that never reveals which ids exist in other tenants.

django-filter's default for a foreign key validates the id against every row of
the related table, so ``?organization=<id of someone else's>`` and a made-up id
would answer differently. Here a foreign key filters by plain id: unseen and
nonexistent ids both match nothing.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend


class TenantSafeFilterSet(django_filters.FilterSet):
    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.ForeignKey: {"filter_class": django_filters.NumberFilter},
        models.OneToOneField: {"filter_class": django_filters.NumberFilter},
    }


class TenantSafeFilterBackend(DjangoFilterBackend):
    filterset_base = TenantSafeFilterSet

    def get_filterset_class(self, view: Any, queryset: Any = None) -> Any:
        filterset_class = super().get_filterset_class(view, queryset)
        if filterset_class is not None and not issubclass(filterset_class, TenantSafeFilterSet):
            raise TypeError(f"{filterset_class.__name__} must subclass TenantSafeFilterSet")
        return filterset_class
