"""The data platform's routes, under /api/v1/ (included by platform_core's API urlconf)."""

from rest_framework.routers import SimpleRouter

from data_platform.api.views.datasets import DatasetVersionViewSet, DatasetViewSet
from data_platform.api.views.jobs import JobViewSet
from data_platform.api.views.labeling import LabelingProjectViewSet, LabelTaskViewSet
from data_platform.api.views.sources import DataSourceViewSet
from data_platform.api.views.vectors import VectorCollectionViewSet

router = SimpleRouter()
router.register("datasets", DatasetViewSet, basename="dataset")
router.register("dataset-versions", DatasetVersionViewSet, basename="dataset-version")
router.register("data-sources", DataSourceViewSet, basename="data-source")
router.register("jobs", JobViewSet, basename="job")
router.register("labeling-projects", LabelingProjectViewSet, basename="labeling-project")
router.register("label-tasks", LabelTaskViewSet, basename="label-task")
router.register("vector-collections", VectorCollectionViewSet, basename="vector-collection")

urlpatterns = router.urls
