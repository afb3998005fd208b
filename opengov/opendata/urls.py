from django.urls import path, re_path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("dictionary/", views.dictionary, name="dictionary"),
    path("ogp-commitments-database.csv", views.ogp_database, name="ogp-database"),
    path("ogp-open-data.zip", views.bundle, name="bundle"),
    re_path(r"^(?P<slug>[a-z-]+)\.(?P<fmt>csv|json|xlsx)$", views.download, name="download"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_job, name="import-job"),
    path("import/<int:pk>/issues.csv", views.import_job_report, name="import-job-report"),
    path("import/<int:pk>/again/", views.import_job_rerun, name="import-job-rerun"),
]
