from django.urls import path

from . import views

app_name = "insights"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("indicators/<slug:key>/", views.indicator, name="indicator"),
    path("indicators/<slug:key>/data.csv", views.indicator_csv, name="indicator-csv"),
    path("members/<slug:slug>/", views.member_snapshot, name="member"),
    path("global-report/", views.global_report, name="global-report"),
    path("global-report/<int:pk>/", views.edition, name="edition"),
    path("global-report/<int:pk>/generate/", views.edition_generate, name="edition-generate"),
    path("global-report/<int:pk>/report.html", views.edition_file, {"kind": "html"}, name="edition-html"),
    path("global-report/<int:pk>/report.pdf", views.edition_file, {"kind": "pdf"}, name="edition-pdf"),
    path("third-party/import/", views.third_party_import, name="third-party-import"),
]
