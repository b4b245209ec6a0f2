from django.urls import include, path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.profiles, name="profiles"),
    path("similaires/<int:user_id>/", views.similar, name="similar"),
    path("", include("search.urls_saved")),
]
