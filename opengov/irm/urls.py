app_name = "irm"
urlpatterns: list = []
