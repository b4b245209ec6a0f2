"""Profile validation pages, under /skills/validation/ (namespace ``skills``)."""

from django.urls import path

from .views import validation as views

urlpatterns = [
    path("validation/", views.validation_mine, name="validation_mine"),
    path("validation/ask/", views.validation_ask, name="validation_ask"),
    path(
        "validation/<int:validation_id>/withdraw/",
        views.validation_withdraw,
        name="validation_withdraw",
    ),
    path("validation/requests/", views.validation_requests, name="validation_requests"),
    path("validation/<int:validation_id>/", views.validation_review, name="validation_review"),
]
