from django.urls import path

from . import views

app_name = "governance"
urlpatterns = [
    path("", views.bodies, name="bodies"),
    path("<slug:slug>/", views.body, name="body"),
    path("<slug:slug>/mandates/new/", views.mandate_add, name="mandate-add"),
    path("<slug:slug>/mandates/<int:pk>/edit/", views.mandate_edit, name="mandate-edit"),
    path("<slug:slug>/meetings/new/", views.meeting_add, name="meeting-add"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting, name="meeting"),
    path(
        "<slug:slug>/meetings/<int:pk>/documents/new/",
        views.meeting_part_add,
        {"part": "document"},
        name="document-add",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/decisions/new/",
        views.meeting_part_add,
        {"part": "decision"},
        name="decision-add",
    ),
]
