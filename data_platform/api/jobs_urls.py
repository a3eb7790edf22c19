from rest_framework.routers import SimpleRouter

from data_platform.api.jobs import JobViewSet

router = SimpleRouter()
router.register("jobs", JobViewSet, basename="job")

urlpatterns = router.urls
