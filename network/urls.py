from django.urls import path

from . import views
from .models import Role

app_name = "network"

urlpatterns = [
    path("espace/", views.dashboard, name="dashboard"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_mark_read, name="notifications_read"),
    path("notifications/since/", views.notifications_since, name="notifications_since"),
    path("language/", views.set_language, name="set_language"),
]

signup_urlpatterns = [
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
