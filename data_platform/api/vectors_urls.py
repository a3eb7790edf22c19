from rest_framework.routers import SimpleRouter

from data_platform.api.vectors import VectorCollectionViewSet

router = SimpleRouter()
router.register("vector-collections", VectorCollectionViewSet, basename="vector-collection")

urlpatterns = router.urls
