from django.urls import path

from . import views
from .models import Role
from .urls_events import urlpatterns as events_urlpatterns
from .urls_feed import urlpatterns as feed_urlpatterns
from .urls_mentorship import urlpatterns as mentorship_urlpatterns
from .urls_messaging import urlpatterns as messaging_urlpatterns
from .urls_opportunities import urlpatterns as opportunities_urlpatterns
from .urls_privacy import urlpatterns as privacy_urlpatterns
from .urls_safety import urlpatterns as safety_urlpatterns
from .urls_talks import urlpatterns as talks_urlpatterns

app_name = "network"

urlpatterns = [
    path("espace/", views.dashboard, name="dashboard"),
    path(
        "organisations/<int:organisation_id>/",
        views.organisation_detail,
        name="organisation",
    ),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_mark_read, name="notifications_read"),
    path("notifications/since/", views.notifications_since, name="notifications_since"),
    path("language/", views.set_language, name="set_language"),
    *mentorship_urlpatterns,
    *messaging_urlpatterns,
    *feed_urlpatterns,
    *safety_urlpatterns,
    *privacy_urlpatterns,
    *opportunities_urlpatterns,
    *events_urlpatterns,
    *talks_urlpatterns,
]

# Ahead of allauth's own URLs: the same pages, with a form per role and 400 on errors.
account_urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="account_login"),
    path("accounts/email/", views.EmailView.as_view(), name="account_email"),
    path(
        "accounts/password/change/",
        views.PasswordChangeView.as_view(),
        name="account_change_password",
    ),
    path(
        "accounts/password/reset/", views.PasswordResetView.as_view(), name="account_reset_password"
    ),
    path(
        "accounts/confirm-email/<str:key>/",
        views.ConfirmEmailView.as_view(),
        name="account_confirm_email",
    ),
    path("accounts/signup/", views.RoleSignupView.as_view(role=Role.YOUTH), name="account_signup"),
    path(
        "accounts/signup/mentor/",
        views.RoleSignupView.as_view(role=Role.MENTOR),
        name="signup_mentor",
    ),
    path(
        "accounts/signup/recruiter/",
        views.RoleSignupView.as_view(role=Role.RECRUITER),
        name="signup_recruiter",
    ),
]
