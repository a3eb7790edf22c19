from rest_framework.routers import SimpleRouter

from data_platform.api.datasets import DatasetVersionViewSet, DatasetViewSet

router = SimpleRouter()
router.register("datasets", DatasetViewSet, basename="dataset")
router.register("dataset-versions", DatasetVersionViewSet, basename="dataset-version")

urlpatterns = router.urls
