from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from opengov.api_router import router

urlpatterns = [
    path("", include("opengov.core.urls")),
    path("", include("opengov.members.urls")),
    path("", include("opengov.plans.urls")),
    path("irm/", include("opengov.irm.urls")),
    path("", include("opengov.cocreation.urls")),
    path("data/", include("opengov.opendata.urls")),
    path("insights/", include("opengov.insights.urls")),
    path("accounts/", include("opengov.accounts.urls")),
    path("notifications/", include("opengov.notifications.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # No Redoc page: it fetches Google fonts and injects styles at run time, which the Content-Security-Policy refuses.
    # The split view serves Swagger UI's start-up script from its own URL: no inline script (Content-Security-Policy).
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="core/swagger_ui.html"),
        name="api-docs",
    ),
    path("admin/", admin.site.urls),
]

# Branded, translated error pages; JSON for API clients (core/errors.py).
handler400 = "opengov.core.errors.bad_request"
handler403 = "opengov.core.errors.permission_denied"
handler404 = "opengov.core.errors.page_not_found"
handler500 = "opengov.core.errors.server_error"
