from django.urls import include, path
from rest_framework.routers import SimpleRouter

from platform_core import platform_apps
from platform_core.audit.api.views import AuditEventViewSet
from platform_core.events.api.views import WebhookViewSet
from platform_core.identity.api import views as identity
from platform_core.tenancy.api.views import OrganizationViewSet, ProjectViewSet

router = SimpleRouter()
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("projects", ProjectViewSet, basename="project")
router.register("users", identity.UserViewSet, basename="user")
router.register("api-keys", identity.ApiKeyViewSet, basename="api-key")
router.register("audit-events", AuditEventViewSet, basename="audit-event")
router.register("webhooks", WebhookViewSet, basename="webhook")

auth_patterns = [
    path("token/", identity.TokenObtainView.as_view(), name="token"),
    path("token/refresh/", identity.TokenRefreshView.as_view(), name="token-refresh"),
    path("logout/", identity.LogoutView.as_view(), name="logout"),
    path("config/", identity.AuthConfigView.as_view(), name="config"),
    path("oidc/exchange/", identity.OidcExchangeView.as_view(), name="oidc-exchange"),
]


urlpatterns = [
    path("auth/", include((auth_patterns, "auth"))),
    path("me/", identity.MeView.as_view(), name="me"),
    *router.urls,
    # Every installed platform app contributes its own routes (``<app>/api/urls.py``).
    *(path("", include(f"{config.name}.api.urls")) for config in platform_apps.installed()),
]
