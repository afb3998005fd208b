from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/targets/<int:pk>/trend.csv", views.target_csv, name="target-csv"),
    path("<slug:slug>/examples/", views.examples, name="examples"),
    path("<slug:slug>/examples/new/", views.example_add, name="example-add"),
    path("<slug:slug>/examples/<int:pk>/review/", views.example_review, name="example-review"),
    path("<slug:slug>/challenge/", views.challenge, name="challenge"),
    path("<slug:slug>/challenge/new/", views.challenge_submit, name="challenge-submit"),
    path("<slug:slug>/challenge/<int:pk>/review/", views.challenge_review, name="challenge-review"),
]
