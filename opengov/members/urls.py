from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("members/", views.directory, name="directory"),
    path("members/<slug:slug>/", views.detail, name="detail"),
]
