"""The OpenAPI schema and its two readers, served to anyone: they describe the API, no data."""

from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from platform_core.api.viewsets import NotTenantScoped

_REASON = "describes the API itself; holds no tenant's data"


class SchemaView(NotTenantScoped, SpectacularAPIView):
    dangerously_not_tenant_scoped = _REASON


class SwaggerView(NotTenantScoped, SpectacularSwaggerView):
    dangerously_not_tenant_scoped = _REASON


class RedocView(NotTenantScoped, SpectacularRedocView):
    dangerously_not_tenant_scoped = _REASON
