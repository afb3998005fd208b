from django.urls import path

from . import views

app_name = "following"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:label>/<int:pk>/", views.toggle, name="toggle"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
