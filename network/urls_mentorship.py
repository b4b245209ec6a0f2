"""Mentorship pages, included in ``network.urls`` (names in the ``network`` namespace)."""

from django.urls import path

from . import views_mentorship as views

urlpatterns = [
    path("mentor/invite/", views.invite, name="mentor_invite"),
    path("mentor/caseload/", views.caseload, name="mentor_caseload"),
    path("mentor/youths/<int:youth_id>/", views.youth_detail, name="mentor_youth"),
    path(
        "mentor/requests/<int:mentorship_id>/answer/",
        views.answer_request,
        name="mentor_answer_request",
    ),
    path("mentor/follow-requests/", views.follow_requests, name="follow_requests"),
    path(
        "mentor/follow-requests/<int:follow_request_id>/take/",
        views.take_follow_request,
        name="take_follow_request",
    ),
    path("invitation/<str:token>/", views.invitation, name="mentor_invitation"),
    path("my-mentors/", views.my_mentors, name="my_mentors"),
    path("my-mentors/ask/", views.ask_mentor, name="ask_mentor"),
    path("my-mentors/follow-up/", views.ask_follow_up, name="ask_follow_up"),
    path("mentorships/<int:mentorship_id>/sharing/", views.set_sharing, name="mentorship_sharing"),
    path("mentorships/<int:mentorship_id>/end/", views.end_mentorship, name="mentorship_end"),
]
