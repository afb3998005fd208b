from django.urls import path

from . import views

app_name = "cocreation"
urlpatterns = [
    path("members/<slug:slug>/forum/", views.forum, name="forum"),
    path("members/<slug:slug>/forum/edit/", views.forum_edit, name="forum-edit"),
    path("members/<slug:slug>/forum/seats/new/", views.seat_add, name="seat-add"),
    path("members/<slug:slug>/forum/seats/<int:pk>/end/", views.seat_end, name="seat-end"),
    path("members/<slug:slug>/forum/meetings/new/", views.meeting_edit, name="meeting-add"),
    path("members/<slug:slug>/forum/meetings/<int:pk>/", views.meeting, name="meeting"),
    path("members/<slug:slug>/forum/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("members/<slug:slug>/repository/", views.repository, name="repository"),
    path("members/<slug:slug>/repository/new/", views.document_add, name="document-add"),
    path("members/<slug:slug>/repository/<int:pk>/file/", views.document_file, name="document-file"),
    path("members/<slug:slug>/consultations/", views.member_consultations, name="consultations"),
    path("consultations/new/<str:ogp_id>/", views.consultation_add, name="consultation-add"),
    path("consultations/<int:pk>/", views.consultation, name="consultation"),
    path("consultations/<int:pk>/contribute/", views.contribute, name="contribute"),
    path("consultations/<int:pk>/contributions/<int:cid>/support/", views.support, name="support"),
    path("consultations/<int:pk>/contributions/<int:cid>/flag/", views.flag, name="flag"),
    path("consultations/<int:pk>/contributions/<int:cid>/moderate/", views.moderate, name="moderate"),
    path("consultations/<int:pk>/contributions/<int:cid>/respond/", views.respond, name="respond"),
    path("consultations/moderation/", views.moderation_queue, name="moderation"),
    path("action-plans/<str:ogp_id>/standards/", views.checklist, name="checklist"),
    path("commitments/<str:ogp_id>/monitoring-notes/new/", views.monitoring_note_add, name="monitoring-note-add"),
]
