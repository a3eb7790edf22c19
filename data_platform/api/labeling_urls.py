from rest_framework.routers import SimpleRouter

from data_platform.api.labeling import LabelingProjectViewSet, LabelTaskViewSet

router = SimpleRouter()
router.register("labeling-projects", LabelingProjectViewSet, basename="labeling-project")
router.register("label-tasks", LabelTaskViewSet, basename="label-task")

urlpatterns = router.urls
