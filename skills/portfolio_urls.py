"""The portfolio pages, under /skills/ (namespace ``skills``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.my_profile, name="my_profile"),
    path("profile/<int:user_id>/", views.profile, name="profile"),
    path("profile/preview/<slug:audience>/", views.profile_preview, name="profile_preview"),
    path("profile/settings/", views.profile_settings, name="profile_settings"),
    path("mine/", views.my_skills, name="my_skills"),
    path("mine/<int:profile_skill_id>/level/", views.skill_level, name="skill_level"),
    path("mine/<int:profile_skill_id>/remove/", views.skill_remove, name="skill_remove"),
    path("experiences/", views.experience_list, name="experience_list"),
    path("experiences/new/", views.experience_new, name="experience_new"),
    path("experiences/<int:experience_id>/edit/", views.experience_edit, name="experience_edit"),
    path(
        "experiences/<int:experience_id>/delete/",
        views.experience_delete,
        name="experience_delete",
    ),
    path("achievements/", views.achievement_list, name="achievement_list"),
    path("achievements/new/", views.achievement_new, name="achievement_new"),
    path(
        "achievements/<int:achievement_id>/",
        views.achievement_detail,
        name="achievement_detail",
    ),
    path(
        "achievements/<int:achievement_id>/edit/",
        views.achievement_edit,
        name="achievement_edit",
    ),
    path(
        "achievements/<int:achievement_id>/delete/",
        views.achievement_delete,
        name="achievement_delete",
    ),
    path(
        "achievements/<int:achievement_id>/evidence/file/",
        views.evidence_add_file,
        name="evidence_add_file",
    ),
    path(
        "achievements/<int:achievement_id>/evidence/link/",
        views.evidence_add_link,
        name="evidence_add_link",
    ),
    path("evidence/<int:evidence_id>/file/", views.evidence_file, name="evidence_file"),
    path("evidence/<int:evidence_id>/delete/", views.evidence_delete, name="evidence_delete"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/<int:document_id>/file/", views.document_file, name="document_file"),
    path("documents/<int:document_id>/share/", views.document_share, name="document_share"),
    path("documents/<int:document_id>/delete/", views.document_delete, name="document_delete"),
]
