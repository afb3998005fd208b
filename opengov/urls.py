from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from opengov.api_router import router

urlpatterns = [
    path("", include("opengov.core.urls")),
    path("", include("opengov.members.urls")),
    path("", include("opengov.plans.urls")),
    path("irm/", include("opengov.irm.urls")),
    path("", include("opengov.cocreation.urls")),
    path("data/", include("opengov.opendata.urls")),
    path("insights/", include("opengov.insights.urls")),
    path("governance/", include("opengov.governance.urls")),
    path("", include("opengov.support.urls")),
    path("coalitions/", include("opengov.coalitions.urls")),
    path("accounts/", include("opengov.accounts.urls")),
    path("notifications/", include("opengov.notifications.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("admin/", admin.site.urls),
]
