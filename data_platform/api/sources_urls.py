from rest_framework.routers import SimpleRouter

from data_platform.api.sources import DataSourceViewSet

router = SimpleRouter()
router.register("data-sources", DataSourceViewSet, basename="data-source")

urlpatterns = router.urls
