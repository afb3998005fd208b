from django.urls import path

from . import views

app_name = "support"
urlpatterns = [
    path("support/", views.mine, name="mine"),
    path("support/new/", views.ask, name="ask"),
    path("support/queue/", views.queue, name="queue"),
    path("support/requests/<int:pk>/", views.request_detail, name="request"),
    path("support/requests/<int:pk>/attachments/<int:aid>/", views.attachment, name="attachment"),
]
