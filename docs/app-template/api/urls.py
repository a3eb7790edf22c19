"""The app's routes under /api/v1/; platform_core includes them because the app is installed."""

from rest_framework.routers import SimpleRouter

from .views import NoteViewSet

router = SimpleRouter()
router.register("notes", NoteViewSet, basename="note")

urlpatterns = router.urls
