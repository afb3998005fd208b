from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "core"
urlpatterns = [
    # "" (name "home") is the portal's home page, mounted into this namespace by opengov/urls.py.
    path("health/", views.health, name="health"),
    # Browsers and crawlers ask for /favicon.ico whatever the page says: send them to the (placeholder) SVG icon.
    path("favicon.ico", RedirectView.as_view(url=static("core/favicon.svg"), permanent=True), name="favicon"),
]
