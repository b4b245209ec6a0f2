"""Contact requests, blocking, reporting and moderation pages, included in ``network.urls``
(names in the ``network`` namespace)."""

from django.urls import path

from . import views_contact, views_safety

urlpatterns = [
    path("contacts/", views_contact.contact_list, name="contact_requests"),
    path("contacts/nouvelle/<int:youth_id>/", views_contact.contact_new, name="contact_new"),
    path("contacts/<int:request_id>/", views_contact.contact_detail, name="contact_request"),
    path(
        "contacts/<int:request_id>/repondre/",
        views_contact.contact_answer,
        name="contact_answer",
    ),
    path("contacts/<int:request_id>/avis/", views_contact.contact_review, name="contact_review"),
    path(
        "contacts/<int:request_id>/retirer/",
        views_contact.contact_withdraw,
        name="contact_withdraw",
    ),
    path("securite/bloques/", views_safety.blocked_list, name="blocked"),
    path("securite/bloquer/<int:user_id>/", views_safety.block, name="block"),
    path("securite/debloquer/<int:user_id>/", views_safety.unblock, name="unblock"),
    path("signaler/", views_safety.report, name="report"),
    path("moderation/", views_safety.moderation_queue, name="moderation_queue"),
    path(
        "moderation/signalements/<int:report_id>/",
        views_safety.moderation_report,
        name="moderation_report",
    ),
    path("moderation/journal/", views_safety.moderation_journal, name="moderation_journal"),
]
