from django.urls import path

from . import feeds
from .views import manage, maps, public, stats, upload

app_name = "events"
urlpatterns = [
    path("", public.event_list, name="list"),
    path("calendar/", public.calendar, name="calendar"),
    path("map/", maps.map_page, name="map"),
    path("map/clusters.json", maps.clusters, name="clusters"),
    path("map/world.geojson", maps.world, name="world"),
    path("editions/", public.editions, name="editions"),
    path("editions/new/", manage.edition_edit, name="edition-add"),
    path("editions/<int:year>/", public.edition, name="edition"),
    path("editions/<int:year>/edit/", manage.edition_edit, name="edition-edit"),
    path("editions/<int:year>/submit/", manage.submit, name="submit"),
    path("submit/", manage.submit_start, name="submit-start"),
    path("mine/", public.my_events, name="mine"),
    path("moderation/", manage.queue, name="queue"),
    path("feeds/subscribe/", feeds.subscribe, name="subscribe"),
    path("feeds/<str:key>.ics", feeds.ical_feed, name="ical"),
    path("feeds/approved.atom", feeds.NewlyApproved(), name="atom"),
    path("statistics/", stats.statistics, name="statistics"),
    path("statistics/<slug:key>.csv", stats.statistics_csv, name="statistics-csv"),
    path("upload/", upload.upload, name="upload"),
    path("upload/template.<str:fmt>", upload.template, name="upload-template"),
    path("upload/<int:pk>/", upload.job, name="upload-job"),
    path("<int:pk>/", public.detail, name="detail-short"),
    path("<int:pk>/calendar.ics", feeds.event_ics, name="event-ics"),
    path("<int:pk>/edit/", manage.edit, name="edit"),
    path("<int:pk>/moderate/", manage.moderate, name="moderate"),
    path("<int:pk>/merge/", manage.merge, name="merge"),
    path("<int:pk>/<slug:slug>/", public.detail, name="detail"),  # last: "edit" would read as a slug
]
