"""The portal's pages keep the route names they always had (``core:home``, ``accounts:dashboard``), so the templates
of the apps below link to them without knowing the portal: opengov/urls.py mounts these lists into those
namespaces."""

from django.urls import path

from . import views

home_urlpatterns = [
    path("", views.home, name="home"),
    *(path(f"{name}/", views.static_page, {"name": name}, name=name) for name in views.STATIC_PAGES),
]
my_work_urlpatterns = [path("", views.my_work, name="dashboard")]
