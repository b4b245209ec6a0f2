"""Opportunity pages, included in ``network.urls`` (names in the ``network`` namespace)."""

from django.urls import path

from . import views_opportunities as views

urlpatterns = [
    path("offres/", views.opportunity_list, name="opportunities"),
    path("offres/gerer/", views.my_opportunities, name="my_opportunities"),
    path("offres/nouvelle/", views.opportunity_new, name="opportunity_new"),
    path("offres/<int:opportunity_id>/", views.opportunity_detail, name="opportunity"),
    path(
        "offres/<int:opportunity_id>/postuler/", views.opportunity_apply, name="opportunity_apply"
    ),
    path("offres/<int:opportunity_id>/modifier/", views.opportunity_edit, name="opportunity_edit"),
    path(
        "offres/<int:opportunity_id>/statut/", views.opportunity_status, name="opportunity_status"
    ),
    path(
        "offres/<int:opportunity_id>/candidatures/",
        views.opportunity_pipeline,
        name="opportunity_pipeline",
    ),
    path(
        "offres/<int:opportunity_id>/profils/",
        views.suggested_profiles,
        name="opportunity_suggested",
    ),
    path("candidatures/", views.my_applications, name="my_applications"),
    path(
        "candidatures/<int:application_id>/retirer/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "candidatures/<int:application_id>/decision/",
        views.application_decide,
        name="application_decide",
    ),
    path(
        "candidatures/<int:application_id>/recommander/",
        views.application_recommend,
        name="application_recommend",
    ),
]
