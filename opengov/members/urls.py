from django.urls import path

from . import joining_views, local_views, views

app_name = "members"
urlpatterns = [
    path("members/", views.directory, name="directory"),
    path("members/<slug:slug>/", views.detail, name="detail"),
    path("join/", joining_views.how_to_join, name="how-to-join"),
    path("join/apply/", joining_views.apply, name="joining-apply"),
    path("join/applications/", joining_views.applications, name="joining-applications"),
    path("join/applications/<int:pk>/", joining_views.application, name="joining-application"),
    path("join/applications/<int:pk>/letter/", joining_views.application_letter, name="joining-letter"),
    path("ogp-local/calls/", local_views.calls, name="local-calls"),
    path("ogp-local/calls/new/", local_views.call_edit, name="local-call-add"),
    path("ogp-local/calls/<slug:slug>/", local_views.call, name="local-call"),
    path("ogp-local/calls/<slug:slug>/edit/", local_views.call_edit, name="local-call-edit"),
    path("ogp-local/calls/<slug:slug>/apply/", local_views.express_interest, name="eoi-add"),
    path("ogp-local/calls/<slug:slug>/applications/", local_views.applications, name="eois"),
    path("ogp-local/calls/<slug:slug>/applications/<int:pk>/", local_views.expression, name="eoi"),
    path(
        "ogp-local/calls/<slug:slug>/applications/<int:pk>/letters/<int:lid>/",
        local_views.letter_file,
        name="eoi-letter",
    ),
]
