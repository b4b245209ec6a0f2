"""Messaging pages, included in ``network.urls`` (names in the ``network`` namespace)."""

from django.urls import path

from . import views_messaging as views

urlpatterns = [
    path("messages/", views.conversation_list, name="messages"),
    path("messages/nouvelle/", views.conversation_start, name="conversation_start"),
    path("messages/since/", views.messages_since, name="messages_since"),
    path("messages/<int:conversation_id>/", views.conversation_detail, name="conversation"),
    path("messages/<int:conversation_id>/envoyer/", views.message_send, name="message_send"),
    path("messages/<int:conversation_id>/lu/", views.conversation_read, name="conversation_read"),
    path(
        "messages/piece-jointe/<int:message_id>/",
        views.message_attachment,
        name="message_attachment",
    ),
]
