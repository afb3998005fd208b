from django.urls import path

from . import explorer, feeds, views

app_name = "search"
urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/feed.atom", feeds.SearchFeed(), name="feed"),
    path("commitments/", explorer.explorer_page, name="explorer"),
    path("commitments/download.<str:fmt>", explorer.download, name="explorer-download"),
]
urlpatterns += [
    path("members/<slug:slug>/feed.atom", feeds.MemberFeed(), name="member-feed"),
    path("policy-areas/<slug:slug>/feed.atom", feeds.PolicyAreaFeed(), name="policy-area-feed"),
]
