from .views import editing, public

app_name = "plans"
urlpatterns = [*public.urlpatterns, *editing.urlpatterns]
