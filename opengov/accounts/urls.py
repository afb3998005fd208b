from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    # "" (name "dashboard", "My work") is the portal's page, mounted into this namespace by opengov/urls.py.
    path("signup/", views.signup, name="signup"),
    path("signup/check-your-inbox/", views.signup_done, name="signup-done"),
    path("confirm/resend/", views.resend_confirmation, name="resend-confirmation"),
    path("confirm/<uidb64>/<token>/", views.confirm_email, name="confirm-email"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/reset/", views.password_reset, name="password-reset"),
    path("password/reset/sent/", views.password_reset_done, name="password-reset-done"),
    path("password/reset/<uidb64>/<token>/", views.password_reset_confirm, name="password-reset-confirm"),
    path("password/reset/complete/", views.password_reset_complete, name="password-reset-complete"),
    path("password/change/", views.password_change, name="password-change"),
    path("password/change/done/", views.password_change_done, name="password-change-done"),
    path("api-token/", views.api_token, name="api-token"),
]
