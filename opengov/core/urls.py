from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    # "" (name "home") is the portal's home page, mounted into this namespace by opengov/urls.py.
    path("health/", views.health, name="health"),
]
