"""URLs of workshops and job datings."""

from django.urls import path

from . import views_gatherings as views

urlpatterns: list = [
    path("ateliers/", views.workshop_list, name="workshops"),
    path("ateliers/nouveau/", views.workshop_create, name="workshop_create"),
    path("ateliers/<int:workshop_id>/", views.workshop_detail, name="workshop"),
    path(
        "ateliers/<int:workshop_id>/inscription/",
        views.workshop_register,
        name="workshop_register",
    ),
    path(
        "ateliers/<int:workshop_id>/desinscription/",
        views.workshop_unregister,
        name="workshop_unregister",
    ),
    path("ateliers/<int:workshop_id>/annuler/", views.workshop_cancel, name="workshop_cancel"),
    path("job-datings/", views.job_dating_list, name="job_datings"),
    path("job-datings/nouveau/", views.job_dating_create, name="job_dating_create"),
    path("job-datings/resultats/", views.outcomes, name="job_dating_outcomes"),
    path("job-datings/<int:job_dating_id>/", views.job_dating_detail, name="job_dating"),
    path(
        "job-datings/<int:job_dating_id>/recruteurs/",
        views.job_dating_invite,
        name="job_dating_invite",
    ),
    path(
        "job-datings/<int:job_dating_id>/candidats/",
        views.job_dating_preselect,
        name="job_dating_preselect",
    ),
    path(
        "job-datings/<int:job_dating_id>/candidats/<int:candidate_id>/retirer/",
        views.job_dating_remove_candidate,
        name="job_dating_remove_candidate",
    ),
    path(
        "job-datings/<int:job_dating_id>/candidats/<int:candidate_id>/fiche/",
        views.candidate_card,
        name="job_dating_card",
    ),
    path(
        "job-datings/<int:job_dating_id>/planning/",
        views.job_dating_generate,
        name="job_dating_generate",
    ),
    path(
        "job-datings/<int:job_dating_id>/ma-table/", views.job_dating_seat, name="job_dating_seat"
    ),
    path(
        "job-datings/<int:job_dating_id>/accueil/",
        views.job_dating_check_in,
        name="job_dating_check_in",
    ),
    path(
        "job-datings/rencontres/<int:meeting_id>/deplacer/", views.meeting_move, name="meeting_move"
    ),
    path(
        "job-datings/rencontres/<int:meeting_id>/retirer/",
        views.meeting_remove,
        name="meeting_remove",
    ),
    path(
        "job-datings/rencontres/<int:meeting_id>/resultat/",
        views.meeting_outcome,
        name="meeting_outcome",
    ),
]
