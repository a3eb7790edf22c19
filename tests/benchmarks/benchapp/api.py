from typing import Any

from django.urls import include, path
from rest_framework import serializers
from rest_framework.routers import SimpleRouter

from platform_core.api.viewsets import ScopedModelViewSet
from tests.benchmarks.benchapp.models import Item


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = Item
        fields = ["id", "organization", "project", "name", "size", "created_at", "updated_at"]


class ItemViewSet(ScopedModelViewSet):
    serializer_class = ItemSerializer
    filterset_fields = ["project"]

    def base_queryset(self) -> Any:
        return Item.objects.all()


router = SimpleRouter()
router.register("items", ItemViewSet, basename="item")
urlpatterns = [path("api/v1/bench/", include(router.urls)), path("", include("platform_core.urls"))]
