from django.urls import path

from . import views

app_name = "irm"
urlpatterns = [
    path("reports/<int:pk>/", views.report, name="report"),
    path("reports/<int:pk>/assess/<str:ogp_id>/", views.assess, name="assess"),
    path("reports/<int:pk>/process/", views.process, name="process"),
    path("reports/<int:pk>/move/", views.move, name="move"),
    path("assignments/<int:pk>/assign/", views.decide_assignment, {"decision": "assign"}, name="assign"),
    path("assignments/<int:pk>/decline/", views.decide_assignment, {"decision": "decline"}, name="decline"),
    path("letters/<int:pk>/", views.letter, name="letter"),
    path("workspace/", views.workspace, name="workspace"),
    path("declare/<str:ogp_id>/", views.declare, name="declare"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
