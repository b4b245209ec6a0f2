"""URLs of the feed and of connections (included in ``network.urls``, namespace ``network``)."""

from django.urls import path

from . import views_connections, views_feed

urlpatterns = [
    path("fil/", views_feed.feed, name="feed"),
    path("fil/publier/", views_feed.create_post, name="post_create"),
    path("fil/activites/<int:activity_id>/", views_feed.activity_detail, name="activity"),
    path("fil/activites/<int:activity_id>/bravo/", views_feed.bravo, name="activity_bravo"),
    path(
        "fil/activites/<int:activity_id>/commenter/",
        views_feed.comment,
        name="activity_comment",
    ),
    path(
        "fil/activites/<int:activity_id>/supprimer/",
        views_feed.delete_post,
        name="post_delete",
    ),
    path("fil/activites/<int:activity_id>/photo/", views_feed.post_image, name="post_image"),
    path(
        "fil/commentaires/<int:comment_id>/supprimer/",
        views_feed.delete_comment,
        name="comment_delete",
    ),
    path("reseau/", views_connections.connections, name="connections"),
    path(
        "reseau/demander/<int:user_id>/",
        views_connections.request_connection,
        name="connection_request",
    ),
    path(
        "reseau/demandes/<int:connection_id>/repondre/",
        views_connections.answer_connection,
        name="connection_answer",
    ),
    path(
        "reseau/demandes/<int:connection_id>/annuler/",
        views_connections.cancel_connection,
        name="connection_cancel",
    ),
    path(
        "reseau/<int:user_id>/retirer/",
        views_connections.remove_connection,
        name="connection_remove",
    ),
    path(
        "organisations/<int:organisation_id>/suivre/",
        views_connections.follow_organisation,
        name="organisation_follow",
    ),
]
