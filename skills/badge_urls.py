"""Open Badges under /badges/ (namespace ``badges``): the public JSON, images and credentials
that verifiers fetch, the youth's badges and the organisation's page to award them."""

from django.urls import path

from .views import badges as views

app_name = "badges"

urlpatterns = [
    # Public, for verifiers (hosted verification, keys, revocation list).
    path("issuers/<int:organisation_id>.json", views.issuer, name="issuer"),
    path("issuers/<int:organisation_id>/jwks.json", views.jwks, name="jwks"),
    path("issuers/<int:organisation_id>/revocations.json", views.revocations, name="revocations"),
    path("classes/<int:organisation_id>/<str:slug>.json", views.badge_class, name="badge_class"),
    path(
        "classes/<int:organisation_id>/<str:slug>.png",
        views.badge_class_image,
        name="badge_class_image",
    ),
    path("assertions/<uuid:badge_id>.json", views.assertion, name="assertion"),
    path("assertions/<uuid:badge_id>.png", views.assertion_image, name="assertion_image"),
    path("assertions/<uuid:badge_id>.jwt", views.credential, name="credential"),
    # People.
    path("mine/", views.my_badges, name="mine"),
    path("organisations/<int:organisation_id>/", views.organisation_badges, name="organisation"),
    path(
        "organisations/<int:organisation_id>/endorsements/<int:endorsement_id>/issue/",
        views.issue_endorsement_badge,
        name="issue_endorsement",
    ),
    path(
        "organisations/<int:organisation_id>/achievements/<int:achievement_id>/<int:concept_id>/issue/",
        views.issue_achievement_badge,
        name="issue_achievement",
    ),
    path("assertions/<uuid:badge_id>/revoke/", views.revoke_badge, name="revoke"),
]
