"""Endorsement pages, under /skills/ (namespace ``skills``)."""

from django.urls import path

from .views import endorsements as views

urlpatterns = [
    path("endorsements/", views.endorsements, name="endorsements"),
    path("endorsements/invite/", views.invite, name="endorsement_invite"),
    path(
        "endorsements/<int:endorsement_id>/withdraw/",
        views.withdraw,
        name="endorsement_withdraw",
    ),
    path(
        "endorsements/<int:endorsement_id>/<slug:decision>/",
        views.answer,
        name="endorsement_answer",
    ),
    path("endorsements/youth/<int:youth_id>/", views.endorse, name="endorse"),
    path("endorsements/link/<str:token>/", views.endorse_by_link, name="endorsement_link"),
    path("endorsements/confirm/<str:token>/", views.confirm_email, name="endorsement_confirm"),
    path(
        "endorsements/withdraw-link/<str:token>/",
        views.withdraw_by_link,
        name="endorsement_withdraw_link",
    ),
]
