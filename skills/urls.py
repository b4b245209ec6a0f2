from django.urls import include, path

from . import suggest_views

app_name = "skills"

urlpatterns = [
    path("suggest/", suggest_views.suggest, name="suggest"),
    # The portfolio pages (experiences, achievements, evidence, profile, documents).
    path("", include("skills.portfolio_urls")),
    path("", include("skills.export_urls")),
    path("", include("skills.endorsement_urls")),
    path("", include("skills.validation_urls")),
]
