app_name = "coalitions"
urlpatterns: list = []
