from django.conf import settings
from django.contrib import admin
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import include, path, re_path

from platform_core.api.errors import error_body
from platform_core.api.schema_views import RedocView, SchemaView, SwaggerView
from platform_core.observability import health


def portal(request: HttpRequest) -> HttpResponseBase:
    """The portal's single page; client-side routes all load it."""
    index = settings.PORTAL_DIST_DIR / "index.html"
    if not index.is_file():
        return HttpResponse(
            "The web portal has not been built yet: run `make web` (`make run` builds it too).",
            content_type="text/plain; charset=utf-8",
            status=503,
        )
    return FileResponse(index.open("rb"), content_type="text/html; charset=utf-8")


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    from django.http import JsonResponse

    return JsonResponse(error_body(404, f"No API endpoint at {request.path}."), status=404)


urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", health.metrics, name="metrics"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("platform_core.api.urls")),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    path("storage/", include("platform_core.backends.storage.urls")),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    re_path(r"^(?!static/|admin/|api/|storage/).*$", portal, name="portal"),
]

handler400 = "platform_core.api.errors.handler400"
handler403 = "platform_core.api.errors.handler403"
handler404 = "platform_core.api.errors.handler404"
handler500 = "platform_core.api.errors.handler500"
