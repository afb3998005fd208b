from django.urls import path

from . import feeds, views

app_name = "stories"
urlpatterns = [
    path("", views.story_list, name="list"),
    path("share/", views.story_submit, name="submit"),
    path("mine/", views.my_stories, name="mine"),
    path("review/", views.review_queue, name="review"),
    path("feed/", feeds.StoriesFeed(), name="feed"),
    path("feed/topic/<slug:slug>/", feeds.TopicFeed(), name="feed-topic"),
    path("feed/member/<slug:slug>/", feeds.MemberFeed(), name="feed-member"),
    path("<int:pk>/", views.story_detail, name="detail"),
    path("<int:pk>/edit/", views.story_edit, name="edit"),
    path("<int:pk>/translate/", views.story_submit, name="translate"),
    path("<int:pk>/decide/", views.story_decide, name="decide"),
    path("<int:pk>/versions/", views.story_versions, name="versions"),
    path("<int:pk>/photos/<int:image>/", views.story_image, name="image"),
]
