from django.urls import path

from . import views

app_name = "coalitions"
urlpatterns = [
    path("", views.coalitions, name="list"),
    path("moderation/", views.moderation, name="moderation"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/threads/new/", views.thread_add, name="thread-add"),
    path("<slug:slug>/threads/<int:pk>/", views.thread, name="thread"),
    path("<slug:slug>/posts/<int:pid>/flag/", views.flag, name="flag"),
    path("<slug:slug>/posts/<int:pid>/moderate/", views.moderate, name="moderate"),
]
