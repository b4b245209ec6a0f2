"""The activity feed: who sees what, pagination, constant queries, posts, comments, bravos,
the portfolio's hooks, and the live push."""

from __future__ import annotations

import asyncio
import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection as db_connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network import events, feed_selectors
from network import notification_kinds_feed as kinds
from network.feed import (
    check_add_comment,
    check_create_post,
    check_toggle_bravo,
    do_delete_activities,
    do_record_activity,
    do_update_activity_visibility,
)
from network.feed_selectors import PAGE_SIZE, access_activity, feed_for
from network.models import (
    Activity,
    Block,
    Bravo,
    Comment,
    Membership,
    Mentorship,
    Notification,
    Organisation,
    OrganisationFollow,
    Post,
    Role,
    User,
    Visibility,
)
from skills.actions import (
    AchievementDetails,
    SkillChoice,
    check_save_achievement,
    do_delete_achievement,
)
from skills.actions.endorsements import (
    EndorsementDetails,
    check_answer_endorsement,
    check_endorse_skill,
    check_withdraw_endorsement,
)
from tests.factories import ConnectionFactory, UserFactory
from tests.network.test_realtime import GroupListener, committed
from tests.skills.portfolio_helpers import (
    add_achievement,
    add_experience,
    jpeg_bytes,
    make_concept,
    set_profile,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limits(settings) -> None:
    """Most tests post more than a new account may; the limit has its own test."""
    settings.NEW_ACCOUNT_DAYS = 0


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def connect(a: User, b: User) -> None:
    ConnectionFactory(requester=a, addressee=b)


def follow_as_mentor(mentor: User, youth: User) -> Mentorship:
    return Mentorship.objects.create(
        youth=youth,
        mentor=mentor,
        organisation=mentor.organisations.first(),
        status=Mentorship.Status.ACTIVE,
        started_at=timezone.now() - datetime.timedelta(days=30),
    )


def post(user: User, text: str = "Ma semaine", **kwargs) -> Activity:
    kwargs.setdefault("visibility", Visibility.MEMBERS)
    return check_create_post(user, text=text, **kwargs)


def ids(viewer: User, **kwargs) -> list[int]:
    return [activity.pk for activity in feed_for(viewer, **kwargs)]


@pytest.fixture
def lucas(make_user) -> User:
    return make_user("lucas@example.org", first_name="Lucas", age=18, town="Dijon")


@pytest.fixture
def stranger(make_user) -> User:
    return make_user("sofia@example.org", first_name="Sofia", age=21, town="Lyon")


# --- Who sees what ---------------------------------------------------------------------------


def test_own_and_connections_posts_show_but_not_a_strangers(ines, lucas, stranger) -> None:
    connect(ines, lucas)
    mine = post(ines)
    theirs = post(lucas)
    unknown = post(stranger)
    assert ids(ines) == [theirs.pk, mine.pk]
    assert unknown.pk not in ids(lucas)
    assert ids(stranger) == [unknown.pk]


def test_connections_see_from_members_up_mentors_from_my_mentors_up(ines, lucas, nadia) -> None:
    connect(ines, lucas)
    follow_as_mentor(nadia, ines)
    for_mentors = post(ines, visibility=Visibility.MENTORS)
    for_members = post(ines, visibility=Visibility.MEMBERS)
    assert ids(lucas) == [for_members.pk]
    assert ids(nadia) == [for_members.pk, for_mentors.pk]
    assert ids(ines) == [for_members.pk, for_mentors.pk]


def test_a_youth_sees_their_mentors_news_shown_to_members(ines, nadia) -> None:
    follow_as_mentor(nadia, ines)
    for_members = post(nadia, visibility=Visibility.MEMBERS)
    post(nadia, visibility=Visibility.MENTORS)
    assert ids(ines) == [for_members.pk]


def test_a_mentor_who_no_longer_follows_sees_nothing(ines, nadia) -> None:
    mentorship = follow_as_mentor(nadia, ines)
    activity = post(ines, visibility=Visibility.MENTORS)
    assert ids(nadia) == [activity.pk]
    mentorship.status = Mentorship.Status.ENDED
    mentorship.save()
    assert ids(nadia) == []


def test_recruiters_see_their_connections_news_only_from_recruiters_up(nadia, recruiter) -> None:
    connect(nadia, recruiter)
    post(nadia, visibility=Visibility.MEMBERS)
    for_recruiters = post(nadia, visibility=Visibility.RECRUITERS)
    assert ids(recruiter) == [for_recruiters.pk]


def test_organisation_news_reach_followers_and_members_only(ines, lucas, stranger, nadia) -> None:
    organisation = nadia.organisations.get()
    OrganisationFollow.objects.create(user=ines, organisation=organisation)
    colleague = UserFactory(role=Role.MENTOR)
    Membership.objects.create(organisation=organisation, user=colleague)
    news = post(nadia, text="Atelier CV mardi", organisation=organisation)
    assert news.organisation == organisation
    assert ids(ines) == [news.pk]
    assert ids(colleague) == [news.pk]
    assert ids(stranger) == []


def test_only_members_post_for_an_organisation(ines, nadia) -> None:
    other = Organisation.objects.create(name="Entrepôt de Lesquin", kind="company")
    data = {"text": "Je parle pour eux", "visibility": "members", "organisation": other.pk}
    # Nadia belongs to her Mission Locale only: another organisation is not a choice.
    assert client_for(nadia).post(reverse("network:post_create"), data).status_code == 400
    # Inès belongs to none: the field is not there, her post is her own.
    assert client_for(ines).post(reverse("network:post_create"), data).status_code == 302
    assert Post.objects.get().organisation is None
    with pytest.raises(PermissionDenied):
        post(ines, organisation=other)


@pytest.mark.parametrize("ines_blocks", [True, False])
def test_a_block_hides_activities_and_comments_both_ways(
    ines, lucas, stranger, ines_blocks
) -> None:
    connect(ines, lucas)
    connect(ines, stranger)
    connect(lucas, stranger)
    lucas_news = post(lucas)
    ines_news = post(ines)
    check_add_comment(lucas, activity_id=ines_news.pk, text="Bravo Inès")
    check_add_comment(stranger, activity_id=ines_news.pk, text="Super")
    if ines_blocks:
        Block.objects.create(blocker=ines, blocked=lucas)
    else:
        Block.objects.create(blocker=lucas, blocked=ines)
    assert lucas_news.pk not in ids(ines)
    assert ines_news.pk not in ids(lucas)
    shown = next(activity for activity in feed_for(ines) if activity.pk == ines_news.pk)
    assert [comment.author_id for comment in shown.recent_comments] == [stranger.pk]
    assert shown.comment_count == 1
    # Someone else still sees both comments.
    seen_by_other = access_activity(stranger, ines_news.pk)
    assert len(seen_by_other.visible_comments) == 2
    response = client_for(lucas).get(reverse("network:activity", args=[ines_news.pk]))
    assert response.status_code == 404


def test_hidden_activities_inactive_actors_and_hidden_comments_are_left_out(
    ines, lucas, stranger
) -> None:
    connect(ines, lucas)
    connect(ines, stranger)
    hidden = post(lucas, text="caché")
    hidden.hidden_at = timezone.now()
    hidden.save()
    kept = post(lucas, text="gardé")
    hidden_post = post(lucas, text="post caché")
    Post.objects.filter(pk=hidden_post.post_id).update(hidden_at=timezone.now())
    suspended = post(stranger)
    stranger.is_active = False
    stranger.save()
    comment = check_add_comment(ines, activity_id=kept.pk, text="Un commentaire")
    check_add_comment(ines, activity_id=kept.pk, text="Un autre")
    Comment.objects.filter(pk=comment.pk).update(hidden_at=timezone.now())
    feed = feed_for(ines)
    assert [activity.pk for activity in feed] == [kept.pk]
    assert [c.text for c in feed[0].recent_comments] == ["Un autre"]
    assert feed[0].comment_count == 1
    for gone in (hidden, hidden_post, suspended):
        response = client_for(ines).get(reverse("network:activity", args=[gone.pk]))
        assert response.status_code == 404


# --- Pagination and queries ------------------------------------------------------------------


def test_cursor_pages_have_no_duplicates_and_no_gaps(ines, lucas) -> None:
    connect(ines, lucas)
    made = [
        do_record_activity(
            lucas if n % 2 else ines,
            verb=Activity.Verb.MILESTONE,
            visibility=Visibility.MEMBERS,
            params={"skills": 5},
        ).pk
        for n in range(2 * PAGE_SIZE + 5)
    ]
    seen: list[int] = []
    before = None
    while True:
        page = ids(ines, before=before)
        if not page:
            break
        seen.extend(page)
        before = page[-1]
    assert seen == sorted(made, reverse=True)
    assert ids(ines, after=made[-3]) == [made[-1], made[-2]]
    # Catching up takes the oldest of the newer items first, so the next call leaves no gap.
    assert ids(ines, after=made[0], limit=3) == [made[3], made[2], made[1]]


def _network_with_activities(viewer: User, *, people: int, activities: int) -> None:
    organisation = Organisation.objects.create(name=f"Club {people}", kind="club")
    OrganisationFollow.objects.create(user=viewer, organisation=organisation)
    friends = [UserFactory() for _ in range(people)]
    for friend in friends:
        connect(viewer, friend)
    for n in range(activities):
        actor = friends[n % len(friends)]
        activity = do_record_activity(
            actor,
            verb=Activity.Verb.POST,
            visibility=Visibility.MEMBERS,
            params={},
            post=Post.objects.create(author=actor, text=f"nouvelle {n}"),
            organisation=organisation if n % 3 == 0 else None,
        )
        Comment.objects.create(activity=activity, author=viewer, text="Bien joué")
        Comment.objects.create(activity=activity, author=actor, text="Merci")
        Bravo.objects.create(activity=activity, user=viewer)


def test_the_feed_takes_a_constant_number_of_queries_whatever_its_size(
    ines, make_user, django_assert_num_queries
) -> None:
    # A page that is not full: links, the newest window, the older rows, comments.
    _network_with_activities(ines, people=2, activities=2)
    with django_assert_num_queries(4):
        small = feed_for(ines)
        [len(a.recent_comments) + a.bravo_count + a.actor.pk for a in small]
    assert len(small) == 2
    yanis = make_user("yanis2@example.org", first_name="Yanis")
    _network_with_activities(yanis, people=9, activities=15)
    with django_assert_num_queries(4):
        assert len(feed_for(yanis)) == 15
    # A full page from the newest window: links, the page, comments.
    lucas = make_user("lucas2@example.org", first_name="Lucas")
    _network_with_activities(lucas, people=10, activities=30)
    with django_assert_num_queries(3):
        big = feed_for(lucas)
        for activity in big:
            assert activity.bravoed and activity.bravo_count == 1
            assert activity.comment_count == 2
            assert [c.author.first_name for c in activity.recent_comments]
            assert activity.post.text and activity.actor.display_name
            str(activity.organisation)
    assert len(big) == PAGE_SIZE


def test_a_quiet_network_finds_its_news_below_the_newest_window(
    ines, lucas, make_user, monkeypatch
) -> None:
    monkeypatch.setattr(feed_selectors, "RECENT_WINDOW", 5)
    connect(ines, lucas)
    stranger = make_user("stranger@example.org", first_name="Personne")
    made = []
    for n in range(3 * PAGE_SIZE):
        actor = lucas if n % 3 == 0 else stranger
        activity = do_record_activity(
            actor, verb=Activity.Verb.MILESTONE, visibility=Visibility.MEMBERS, params={}
        )
        if actor == lucas:
            made.append(activity.pk)
    # Lucas's news sits among many others: the window misses most of it, the rest is found.
    seen: list[int] = []
    before = None
    while page := ids(ines, before=before, limit=7):
        seen.extend(page)
        before = page[-1]
    assert seen == sorted(made, reverse=True)


def test_the_feed_page_takes_the_same_queries_whatever_its_size(ines, make_user) -> None:
    _network_with_activities(ines, people=2, activities=25)
    lucas = make_user("lucas2@example.org", first_name="Lucas")
    _network_with_activities(lucas, people=10, activities=40)
    counts = []
    for viewer in (ines, lucas):
        client = client_for(viewer)
        client.get(reverse("network:feed"))  # sessions, caches warm
        with CaptureQueriesContext(db_connection) as queries:
            response = client.get(reverse("network:feed"))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- Posts: bad input ------------------------------------------------------------------------


def test_an_oversized_post_is_refused_with_its_text_kept(ines) -> None:
    response = client_for(ines).post(
        reverse("network:post_create"), {"text": "a" * 3001, "visibility": "members"}
    )
    assert response.status_code == 400
    assert not Post.objects.exists()
    assert "a" * 3001 in response.content.decode()


def test_an_empty_post_or_a_bad_visibility_is_refused(ines) -> None:
    client = client_for(ines)
    assert (
        client.post(
            reverse("network:post_create"), {"text": "  ", "visibility": "members"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            reverse("network:post_create"), {"text": "Salut", "visibility": "only_me"}
        ).status_code
        == 400
    )
    assert not Post.objects.exists()


def test_html_in_posts_and_comments_is_escaped(ines, lucas) -> None:
    connect(ines, lucas)
    activity = post(ines, text="<script>alert(1)</script>")
    check_add_comment(lucas, activity_id=activity.pk, text="<b>gras</b>")
    html = client_for(lucas).get(reverse("network:feed")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;gras&lt;/b&gt;" in html


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://example.org/x", "pas un lien"])
def test_a_bad_link_is_refused(ines, link) -> None:
    response = client_for(ines).post(
        reverse("network:post_create"), {"text": "Regardez", "link": link, "visibility": "members"}
    )
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_a_good_link_is_kept(ines) -> None:
    response = client_for(ines).post(
        reverse("network:post_create"),
        {"text": "Regardez", "link": "https://example.org/page", "visibility": "members"},
    )
    assert response.status_code == 302
    assert Post.objects.get().link == "https://example.org/page"


def test_a_photo_needs_a_description(ines) -> None:
    photo = SimpleUploadedFile("photo.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client_for(ines).post(
        reverse("network:post_create"),
        {"text": "Le stand", "image": photo, "visibility": "members"},
    )
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_a_fake_photo_is_refused(ines) -> None:
    fake = SimpleUploadedFile("photo.jpg", b"<html>not an image</html>", content_type="image/jpeg")
    response = client_for(ines).post(
        reverse("network:post_create"),
        {
            "text": "Le stand",
            "image": fake,
            "image_description": "Le stand",
            "visibility": "members",
        },
    )
    assert response.status_code == 400
    assert not Post.objects.exists()


def test_a_photo_is_served_only_to_people_who_see_the_post(ines, lucas, stranger) -> None:
    connect(ines, lucas)
    photo = SimpleUploadedFile("IMG_0001.jpg", jpeg_bytes(), content_type="image/jpeg")
    response = client_for(ines).post(
        reverse("network:post_create"),
        {
            "text": "Le stand de la banque alimentaire",
            "image": photo,
            "image_description": "Des cartons de dons sur une table",
            "visibility": "members",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert "IMG_0001" not in activity.post.image.name
    url = reverse("network:post_image", args=[activity.pk])
    served = client_for(lucas).get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert client_for(stranger).get(url).status_code == 404
    page = client_for(lucas).get(reverse("network:feed")).content.decode()
    assert 'alt="Des cartons de dons sur une table"' in page


def test_posting_is_rate_limited_for_new_accounts(ines, settings) -> None:
    settings.NEW_ACCOUNT_DAYS = 7
    settings.NEW_ACCOUNT_LIMITS = {"post": (1, 3600)}
    client = client_for(ines)
    assert (
        client.post(
            reverse("network:post_create"), {"text": "1", "visibility": "members"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("network:post_create"), {"text": "2", "visibility": "members"}
        ).status_code
        == 429
    )
    assert Post.objects.count() == 1


def test_only_the_author_deletes_a_post(ines, lucas) -> None:
    connect(ines, lucas)
    activity = post(ines)
    url = reverse("network:post_delete", args=[activity.pk])
    assert client_for(lucas).post(url).status_code == 404
    assert client_for(ines).post(url).status_code == 302
    assert not Post.objects.exists() and not Activity.objects.exists()


# --- Comments and bravos ---------------------------------------------------------------------


def test_commenting_on_an_activity_one_cannot_see_is_404(ines, stranger) -> None:
    activity = post(ines)
    response = client_for(stranger).post(
        reverse("network:activity_comment", args=[activity.pk]), {"text": "Coucou"}
    )
    assert response.status_code == 404
    response = client_for(stranger).post(reverse("network:activity_bravo", args=[activity.pk]))
    assert response.status_code == 404
    assert not Comment.objects.exists() and not Bravo.objects.exists()


def test_a_comment_notifies_the_author_but_not_oneself(ines, lucas) -> None:
    connect(ines, lucas)
    activity = post(ines)
    response = client_for(lucas).post(
        reverse("network:activity_comment", args=[activity.pk]), {"text": "Trop bien"}
    )
    assert response.status_code == 302
    check_add_comment(ines, activity_id=activity.pk, text="Merci")
    assert Notification.objects.filter(kind=kinds.FEED_COMMENT).count() == 1
    assert Notification.objects.get(kind=kinds.FEED_COMMENT).recipient == ines


def test_a_long_or_empty_comment_is_refused(ines, lucas) -> None:
    connect(ines, lucas)
    activity = post(ines)
    client = client_for(lucas)
    url = reverse("network:activity_comment", args=[activity.pk])
    assert client.post(url, {"text": "x" * 1001}).status_code == 400
    assert client.post(url, {"text": ""}).status_code == 400
    assert not Comment.objects.exists()


def test_only_the_author_deletes_a_comment(ines, lucas) -> None:
    connect(ines, lucas)
    activity = post(ines)
    comment = check_add_comment(lucas, activity_id=activity.pk, text="Hello")
    url = reverse("network:comment_delete", args=[comment.pk])
    assert client_for(ines).post(url).status_code == 404
    assert client_for(lucas).post(url, {"activity": activity.pk}).status_code == 302
    assert not Comment.objects.exists()


def test_bravo_twice_is_one_bravo_and_can_be_taken_back(ines, lucas) -> None:
    connect(ines, lucas)
    activity = post(ines)
    client = client_for(lucas)
    url = reverse("network:activity_bravo", args=[activity.pk])
    assert client.post(url, {"bravo": "1"}).status_code == 302
    assert client.post(url, {"bravo": "1"}).status_code == 302
    assert Bravo.objects.filter(activity=activity).count() == 1
    assert Notification.objects.filter(recipient=ines, kind=kinds.FEED_BRAVO).count() == 1
    assert feed_for(lucas)[0].bravoed
    client.post(url, {"bravo": "0"})
    assert not Bravo.objects.exists()
    check_toggle_bravo(ines, activity_id=activity.pk)
    assert Notification.objects.filter(kind=kinds.FEED_BRAVO).count() == 1


def test_bravo_with_htmx_returns_the_activity(ines, lucas) -> None:
    connect(ines, lucas)
    activity = post(ines)
    response = client_for(lucas).post(
        reverse("network:activity_bravo", args=[activity.pk]),
        {"bravo": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="activity-{activity.pk}"' in html
    assert 'aria-pressed="true"' in html


# --- Pages -----------------------------------------------------------------------------------


def test_the_feed_page_and_the_live_fragment(ines, lucas) -> None:
    connect(ines, lucas)
    first = post(lucas, text="Premier")
    client = client_for(ines)
    page = client.get(reverse("network:feed"))
    assert page.status_code == 200
    assert f'data-feed-item="{first.pk}"' in page.content.decode()
    second = post(lucas, text="Deuxième")
    fragment = client.get(reverse("network:feed"), {"after": first.pk})
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert f'data-feed-item="{second.pk}"' in html
    assert f'data-feed-item="{first.pk}"' not in html
    assert "<html" not in html


def test_the_feed_page_links_to_older_news(ines) -> None:
    for _n in range(PAGE_SIZE + 1):
        do_record_activity(ines, verb="milestone", visibility="members", params={"skills": 5})
    page = client_for(ines).get(reverse("network:feed"))
    oldest_shown = Activity.objects.order_by("-id")[PAGE_SIZE - 1].pk
    assert f"?before={oldest_shown}" in page.content.decode()
    older = client_for(ines).get(reverse("network:feed"), {"before": oldest_shown})
    assert older.content.decode().count("data-feed-item=") == 1


# --- The portfolio's hooks -------------------------------------------------------------------


def test_an_achievement_records_updates_and_deletes_its_activity(ines, lucas) -> None:
    connect(ines, lucas)
    set_profile(ines, visibility=Visibility.MEMBERS)
    skill = make_concept("Gérer un stock", "Manage a stock")
    achievement = add_achievement(ines, visibility=Visibility.MEMBERS, concepts=(skill,))
    activity = Activity.objects.get(target_type="achievement", target_id=achievement.pk)
    assert activity.verb == Activity.Verb.ACHIEVEMENT
    assert activity.params["title"] == achievement.title
    assert activity.params["skills"] == ["Gérer un stock"]
    assert activity.url == reverse("skills:achievement_detail", args=[achievement.pk])
    assert ids(lucas) == [activity.pk]

    def save(visibility: str) -> None:
        check_save_achievement(
            ines,
            achievement=achievement,
            details=AchievementDetails(
                title="Nouveau titre", what_i_did=achievement.what_i_did, visibility=visibility
            ),
            skills=SkillChoice(concepts=(skill,)),
        )

    save(Visibility.MENTORS)
    activity.refresh_from_db()
    assert activity.visibility == Visibility.MENTORS
    assert activity.params["title"] == "Nouveau titre"
    assert ids(lucas) == []
    save(Visibility.ONLY_ME)
    assert not Activity.objects.filter(target_type="achievement").exists()
    save(Visibility.MEMBERS)
    assert Activity.objects.filter(target_type="achievement").count() == 1
    do_delete_achievement(ines, achievement=achievement)
    assert not Activity.objects.filter(target_type="achievement").exists()


def test_an_item_never_shows_wider_than_the_profile(ines, lucas) -> None:
    connect(ines, lucas)
    set_profile(ines, visibility=Visibility.MEMBERS)
    add_achievement(ines, visibility=Visibility.MEMBERS)
    set_profile(ines, visibility=Visibility.MENTORS)
    assert Activity.objects.get(target_type="achievement").visibility == Visibility.MENTORS
    assert ids(lucas) == []


def test_an_only_me_achievement_records_nothing(ines) -> None:
    set_profile(ines, visibility=Visibility.MEMBERS)
    add_achievement(ines, visibility=Visibility.ONLY_ME)
    assert not Activity.objects.exists()


def test_an_accepted_endorsement_shows_in_the_feed_until_withdrawn(ines, nadia, lucas) -> None:
    connect(ines, lucas)
    follow_as_mentor(nadia, ines)
    set_profile(ines, visibility=Visibility.MEMBERS)
    skill = make_concept("Accueillir du public", "Welcome people")
    add_experience(ines, concepts=(skill,), visibility=Visibility.MEMBERS)
    endorsement = check_endorse_skill(
        nadia,
        youth=ines,
        concept=skill,
        details=EndorsementDetails(
            relationship="coach",
            context="Banque alimentaire de Roubaix",
            observed="Elle accueille les familles avec calme.",
            level_seen=3,
        ),
    )
    assert not Activity.objects.filter(verb=Activity.Verb.ENDORSEMENT).exists()
    check_answer_endorsement(ines, endorsement=endorsement, accept=True)
    activity = Activity.objects.get(verb=Activity.Verb.ENDORSEMENT)
    assert activity.actor == ines
    assert activity.visibility == Visibility.MEMBERS
    assert activity.params == {"skill": "Accueillir du public", "endorser": nadia.display_name}
    assert activity.pk in ids(lucas)
    endorsement.refresh_from_db()
    check_withdraw_endorsement(nadia, endorsement=endorsement)
    assert not Activity.objects.filter(verb=Activity.Verb.ENDORSEMENT).exists()


def test_five_skills_on_the_profile_is_a_milestone_said_once(ines) -> None:
    set_profile(ines, visibility=Visibility.MEMBERS)
    concepts = tuple(make_concept(f"Compétence {n}") for n in range(6))
    add_experience(ines, concepts=concepts[:4], visibility=Visibility.MEMBERS)
    assert not Activity.objects.filter(verb=Activity.Verb.MILESTONE).exists()
    add_experience(ines, concepts=concepts[4:5], visibility=Visibility.MEMBERS)
    assert Activity.objects.filter(verb=Activity.Verb.MILESTONE).count() == 1
    add_experience(ines, concepts=concepts[5:], visibility=Visibility.MEMBERS)
    assert Activity.objects.filter(verb=Activity.Verb.MILESTONE).count() == 1


def test_a_source_narrowing_or_going_updates_or_deletes_its_activities(ines, lucas, nadia) -> None:
    connect(ines, lucas)
    follow_as_mentor(nadia, ines)
    activity = do_record_activity(
        ines,
        verb=Activity.Verb.EVENT,
        visibility=Visibility.MEMBERS,
        params={"title": "Job dating"},
        target_type="event",
        target_id=7,
    )
    do_update_activity_visibility("event", 7, Visibility.MENTORS)
    assert ids(lucas) == [] and ids(nadia) == [activity.pk]
    do_update_activity_visibility("event", 7, Visibility.ONLY_ME)
    assert not Activity.objects.exists()
    do_record_activity(
        ines, verb="event", visibility="members", params={}, target_type="event", target_id=7
    )
    assert do_delete_activities("event", 7) == 1


def test_an_organisation_activity_can_be_recorded_for_opportunities(nadia, ines) -> None:
    organisation = nadia.organisations.get()
    OrganisationFollow.objects.create(user=ines, organisation=organisation)
    activity = do_record_activity(
        nadia,
        verb=Activity.Verb.OPPORTUNITY,
        visibility=Visibility.MEMBERS,
        params={"title": "Service civique à la Mission Locale"},
        url="/opportunites/1/",
        organisation=organisation,
    )
    assert ids(ines) == [activity.pk]
    html = client_for(ines).get(reverse("network:feed")).content.decode()
    assert "Service civique à la Mission Locale" in html


# --- The live push ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.asyncio
async def test_a_new_activity_is_pushed_on_commit_to_its_audience_only(make_user, settings) -> None:
    from channels.db import database_sync_to_async

    def set_up() -> tuple[User, ...]:
        ines = make_user("ines@example.org")
        lucas = make_user("lucas@example.org", first_name="Lucas")
        nadia = make_user(
            "nadia@example.org",
            role=Role.MENTOR,
            first_name="Nadia",
            age=None,
            organisation="Mission Locale de Dijon",
            organisation_kind="mission_locale",
        )
        stranger = make_user("sofia@example.org", first_name="Sofia")
        blocked = make_user("bad@example.org", first_name="Bad")
        recruiter = make_user(
            "sandrine@example.org", role=Role.RECRUITER, first_name="Sandrine", age=None
        )
        connect(ines, lucas)
        connect(ines, blocked)
        connect(nadia, recruiter)
        Block.objects.create(blocker=blocked, blocked=ines)
        follow_as_mentor(nadia, ines)
        return ines, lucas, nadia, stranger, blocked, recruiter

    ines, lucas, nadia, stranger, blocked, recruiter = await database_sync_to_async(set_up)()
    listeners = {
        user.first_name: await GroupListener.join(user.pk)
        for user in (ines, lucas, nadia, stranger, blocked, recruiter)
    }
    activity = await committed(check_create_post, ines, text="Salut", visibility="members")
    for name in ("Inès", "Lucas", "Nadia"):
        message = await listeners[name].receive()
        assert message is not None, name
        assert message["event"] == {"type": events.FEED_ACTIVITY, "id": activity.pk}
    results = await asyncio.gather(
        *(listeners[name].receive(timeout=0.3) for name in ("Sofia", "Bad", "Sandrine"))
    )
    assert results == [None, None, None]
