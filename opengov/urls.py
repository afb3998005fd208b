from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from opengov.accounts import urls as accounts_urls
from opengov.api_router import router
from opengov.core import urls as core_urls
from opengov.portal import urls as portal_urls

urlpatterns = [
    # The portal's pages keep the names core:home and accounts:dashboard (portal/urls.py).
    path("", include((core_urls.urlpatterns + portal_urls.home_urlpatterns, core_urls.app_name))),
    path("", include("opengov.search.urls")),
    path("following/", include("opengov.following.urls")),
    path("", include("opengov.members.urls")),
    path("", include("opengov.plans.urls")),
    path("irm/", include("opengov.irm.urls")),
    path("", include("opengov.cocreation.urls")),
    path("data/", include("opengov.opendata.urls")),
    path("insights/", include("opengov.insights.urls")),
    path("events/", include("opengov.events.urls")),
    path("stories/", include("opengov.stories.urls")),
    path("campaigns/", include("opengov.campaigns.urls")),
    path("governance/", include("opengov.governance.urls")),
    path("", include("opengov.support.urls")),
    path("coalitions/", include("opengov.coalitions.urls")),
    path("accounts/", include((accounts_urls.urlpatterns + portal_urls.my_work_urlpatterns, accounts_urls.app_name))),
    path("notifications/", include("opengov.notifications.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("admin/", admin.site.urls),
]
