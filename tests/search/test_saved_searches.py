"""Saved searches: who saves them, the list, and the alerts of new profiles (both backends)."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.core.management import call_command
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from network import notification_kinds
from network.models import Block, Notification, Role
from search import notification_kinds_search as kinds
from search import saved_searches
from search.models import SavedSearch, SavedSearchHit
from search.query import QueryError, parse
from tests.factories import PASSWORD, starter_concept

pytestmark = pytest.mark.django_db

LIST_URL = "/recherche/recherches/"
SAVE_URL = "/recherche/recherches/enregistrer/"


def uri(slug: str) -> str:
    return starter_concept(slug).uri


def params(**filters: str) -> str:
    return urlencode(filters)


def save(recruiter, name: str = "Jardiniers", **filters: str) -> SavedSearch:
    return saved_searches.check_save_search(
        recruiter, name=name, params=params(**(filters or {"must": uri("jardiner")}))
    )


def alerts_to(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kinds.SEARCH_NEW_PROFILES))


def emails_to(user) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [user.email]]


@pytest.fixture
def recruiter_client(client, recruiter):
    client.login(email=recruiter.email, password=PASSWORD)
    return client


@pytest.fixture
def check(django_capture_on_commit_callbacks):
    """Check a saved search as the hourly run does, its after-commit e-mails sent."""

    def run(saved: SavedSearch, *, now: datetime.datetime | None = None):
        saved.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            return saved_searches.do_check_saved_search(saved, now=now)

    return run


# --- URLs and who may use them ---------------------------------------------------------------


def test_the_urls_are_under_the_search_page():
    assert reverse("search:saved_searches") == LIST_URL
    assert reverse("search:save_search") == SAVE_URL
    assert reverse("search:delete_saved_search", args=[3]) == "/recherche/recherches/3/supprimer/"
    assert (
        reverse("search:toggle_saved_search_alerts", args=[3]) == "/recherche/recherches/3/alertes/"
    )


def test_only_recruiters_save_and_list_searches(client, make_user):
    assert client.get(LIST_URL).status_code == 302  # to the login page
    for role in (Role.YOUTH, Role.MENTOR):
        user = make_user(f"{role}@example.org", role=role)
        client.login(email=user.email, password=PASSWORD)
        assert client.get(LIST_URL).status_code == 403
        data = {"name": "Jardiniers", "params": params(must=uri("jardiner"))}
        assert client.post(SAVE_URL, data).status_code == 403
        client.logout()
    assert not SavedSearch.objects.exists()


# --- Saving ----------------------------------------------------------------------------------


def test_a_recruiter_saves_the_search_and_is_taken_back_to_it(recruiter_client, recruiter):
    before = timezone.now()
    response = recruiter_client.post(
        SAVE_URL, {"name": "  Jardiniers  à Lyon ", "params": f"must={uri('jardiner')}&after=x"}
    )
    saved = SavedSearch.objects.get(recruiter=recruiter)
    assert saved.name == "Jardiniers à Lyon"
    assert saved.params == params(must=uri("jardiner"))  # the page cursor is not kept
    assert saved.alerts and saved.checked_at >= before
    assert response.status_code == 302
    assert response.url == reverse("search:profiles") + "?" + saved.params
    page = recruiter_client.get(response.url)
    assert "Jardiniers à Lyon" in page.content.decode()  # the success message


def test_typed_skill_words_are_saved_as_the_skill(recruiter):
    saved = save(recruiter, must="travail en équipe")
    assert saved.params == params(must=uri("travailler-en-equipe"))


def test_invalid_filters_are_refused_with_their_messages_and_kept(recruiter_client, recruiter):
    response = recruiter_client.post(
        SAVE_URL, {"name": "Partout", "params": "town=Atlantide&level=9"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "data-saved-search-errors" in html
    with pytest.raises(QueryError) as refused:
        parse(QueryDict("town=Atlantide&level=9"))
    for message in refused.value.messages:
        assert escape(message) in html
    assert 'value="Partout"' in html  # the name comes back to be fixed
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize(
    ("name", "filters"),
    [("", "must=x"), ("x" * 121, "licence=1"), ("Tout le monde", ""), ("Tous", "after=abc")],
)
def test_a_name_and_at_least_one_filter_are_needed(recruiter_client, name, filters):
    if filters == "must=x":
        filters = params(must=uri("jardiner"))
    response = recruiter_client.post(SAVE_URL, {"name": name, "params": filters})
    assert response.status_code == 400
    assert b"data-saved-search-errors" in response.content
    assert not SavedSearch.objects.exists()


def test_the_twenty_first_saved_search_is_refused(recruiter_client, recruiter):
    for n in range(saved_searches.MAX_SAVED):
        save(recruiter, name=f"Recherche {n}")
    response = recruiter_client.post(
        SAVE_URL, {"name": "Une de trop", "params": params(licence="1")}
    )
    assert response.status_code == 400
    assert b"20" in response.content
    assert SavedSearch.objects.filter(recruiter=recruiter).count() == saved_searches.MAX_SAVED


# --- The list, delete, alerts on and off -----------------------------------------------------


def test_the_list_shows_only_my_searches_in_plain_words(
    recruiter_client, recruiter, make_user, django_assert_num_queries
):
    other = make_user("autre.rh@example.org", role=Role.RECRUITER, first_name="Paul")
    mine = save(recruiter, name="Jardiniers", must=uri("jardiner"), town="Lyon", km="20")
    save(recruiter, name="Permis", licence="1", lang="anglais")
    save(other, name="Recherche de Paul", must=uri("coudre"))
    # Session, user, saved searches, their skills, and the page header's two unread counts.
    with django_assert_num_queries(6):
        response = recruiter_client.get(LIST_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jardiniers" in html and "Permis" in html
    assert "Recherche de Paul" not in html
    assert starter_concept("jardiner").label() in html
    assert "Lyon" in html and "20" in html
    assert f'href="{reverse("search:profiles")}?{mine.params.replace("&", "&amp;")}"' in html
    assert html.count("csrfmiddlewaretoken") >= 4  # delete and alerts forms of each search


def test_the_query_count_of_the_list_does_not_grow_with_searches(
    recruiter_client, recruiter, django_assert_num_queries
):
    for n in range(6):
        save(recruiter, name=f"Recherche {n}", must=uri("jardiner"), nice=uri("coudre"))
    with django_assert_num_queries(6):
        assert recruiter_client.get(LIST_URL).status_code == 200


def test_another_recruiter_gets_404_on_delete_and_alerts(client, recruiter, make_user):
    saved = save(recruiter)
    other = make_user("autre.rh@example.org", role=Role.RECRUITER, first_name="Paul")
    client.login(email=other.email, password=PASSWORD)
    delete = reverse("search:delete_saved_search", args=[saved.pk])
    toggle = reverse("search:toggle_saved_search_alerts", args=[saved.pk])
    assert client.post(delete).status_code == 404
    assert client.post(toggle, {"alerts": "0"}).status_code == 404
    assert client.post(toggle, {"alerts": "nope"}).status_code == 404
    saved.refresh_from_db()
    assert saved.alerts


def test_delete_and_alerts_are_posts_of_the_owner(recruiter_client, recruiter):
    saved = save(recruiter)
    delete = reverse("search:delete_saved_search", args=[saved.pk])
    toggle = reverse("search:toggle_saved_search_alerts", args=[saved.pk])
    assert recruiter_client.get(delete).status_code == 405
    assert recruiter_client.get(toggle).status_code == 405
    assert recruiter_client.post(toggle, {"alerts": "maybe"}).status_code == 400

    assert recruiter_client.post(toggle, {"alerts": "0"}).status_code == 302
    saved.refresh_from_db()
    assert not saved.alerts
    checked_before = saved.checked_at
    assert recruiter_client.post(toggle, {"alerts": "1"}).status_code == 302
    saved.refresh_from_db()
    assert saved.alerts and saved.checked_at > checked_before  # alerts start from now

    response = recruiter_client.post(delete)
    assert response.status_code == 302 and response.url == LIST_URL
    assert not SavedSearch.objects.exists()


def test_a_search_whose_date_passed_says_its_alerts_stopped(recruiter, recruiter_client, check):
    soon = timezone.localdate() + datetime.timedelta(days=3)
    saved = save(recruiter, licence="1", before=soon.isoformat())
    SavedSearch.objects.filter(pk=saved.pk).update(params=params(licence="1", before="2020-01-01"))
    assert check(saved).broken
    assert b"notice-warning" in recruiter_client.get(LIST_URL).content


# --- Alerts ----------------------------------------------------------------------------------


def test_a_new_matching_profile_is_told_once_in_app_and_by_email(
    backend_name, recruiter, make_youth, check
):
    make_youth("Avant", skills={"jardiner": 2})  # listed before the search was saved
    saved = save(recruiter, name="Jardiniers")
    make_youth("Kevin", skills={"coudre": 2})  # does not match
    new = make_youth("Inès", skills={"jardiner": 3})

    result = check(saved)
    assert result.new_profiles == 1 and result.emailed
    assert list(SavedSearchHit.objects.values_list("user_id", flat=True)) == [new.pk]
    [alert] = alerts_to(recruiter)
    assert alert.params == {"name": "Jardiniers", "count": 1}
    assert alert.url == reverse("search:profiles") + "?" + saved.params
    [email] = emails_to(recruiter)
    assert "Jardiniers" in email.body and "http://testserver/recherche/?" in email.body
    saved.refresh_from_db()
    assert saved.unsent_count == 0 and saved.last_email_at is not None

    again = check(saved)
    assert again.new_profiles == 0 and not again.emailed
    assert SavedSearchHit.objects.count() == 1
    assert len(alerts_to(recruiter)) == 1 and len(emails_to(recruiter)) == 1


def test_a_second_profile_the_same_day_is_told_in_app_and_emailed_a_day_later(
    backend_name, recruiter, make_youth, check
):
    saved = save(recruiter)
    make_youth("Inès", skills={"jardiner": 3})
    check(saved)
    make_youth("Yanis", skills={"jardiner": 2})
    second = check(saved)
    assert second.new_profiles == 1 and not second.emailed
    assert [a.params["count"] for a in alerts_to(recruiter)] == [1, 1]
    assert len(emails_to(recruiter)) == 1
    saved.refresh_from_db()
    assert saved.unsent_count == 1

    first_email_at = saved.last_email_at
    assert not check(saved, now=first_email_at + datetime.timedelta(hours=23)).emailed
    assert len(emails_to(recruiter)) == 1
    later = check(saved, now=first_email_at + datetime.timedelta(hours=24, minutes=1))
    assert later.new_profiles == 0 and later.emailed
    assert len(emails_to(recruiter)) == 2
    with translation.override(recruiter.language):
        summary = kinds.new_profiles_text({"name": saved.name, "count": 1})
    assert summary in emails_to(recruiter)[1].body
    assert len(alerts_to(recruiter)) == 2  # the e-mail alone tells nothing new in the app
    saved.refresh_from_db()
    assert saved.unsent_count == 0


def test_blocked_profiles_are_never_alerted(backend_name, recruiter, make_youth, check):
    saved = save(recruiter)
    blocked = make_youth("Inès", skills={"jardiner": 3})
    blocking = make_youth("Kevin", skills={"jardiner": 3})
    Block.objects.create(blocker=recruiter, blocked=blocked)
    Block.objects.create(blocker=blocking, blocked=recruiter)
    assert check(saved).new_profiles == 0
    assert not SavedSearchHit.objects.exists()
    assert alerts_to(recruiter) == [] and emails_to(recruiter) == []


def test_anonymous_profiles_are_never_named(backend_name, recruiter, make_youth, check):
    saved = save(recruiter, name="Jardiniers")
    make_youth("Zéphyrine", skills={"jardiner": 3})  # anonymous by default
    assert check(saved).new_profiles == 1
    [alert] = alerts_to(recruiter)
    [email] = emails_to(recruiter)
    rendered = kinds.new_profiles_text(alert.params)
    for text in (str(alert.params), alert.url, rendered, email.subject, email.body):
        assert "Zéphyrine" not in text and "zephyrine" not in text.lower()


def test_the_email_is_in_the_recruiters_language(recruiter, make_youth, check, settings):
    settings.ELASTICSEARCH_URL = ""
    recruiter.language = "en"
    recruiter.save(update_fields=["language"])
    saved = save(recruiter, name="Gardeners")
    make_youth("Inès", skills={"jardiner": 3})
    check(saved)
    [email] = emails_to(recruiter)
    assert email.subject == "[AcroJump] New profiles for your saved search"
    assert "1 new profile matches your saved search “Gardeners”." in email.body
    assert "Hello Sandrine," in email.body


def test_the_database_answers_when_elasticsearch_is_down(recruiter, make_youth, check, settings):
    from search import service

    settings.ELASTICSEARCH_URL = ""
    saved = save(recruiter)
    youth = make_youth("Inès", skills={"jardiner": 3})
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    service._elastic.cache_clear()
    assert check(saved).new_profiles == 1
    assert list(SavedSearchHit.objects.values_list("user_id", flat=True)) == [youth.pk]


def test_the_command_checks_searches_with_alerts_on(
    recruiter, make_youth, settings, capsys, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = ""
    save(recruiter, name="Jardiniers")
    off = save(recruiter, name="Couturiers", must=uri("coudre"))
    saved_searches.do_set_saved_search_alerts(off, alerts=False)
    make_youth("Inès", skills={"jardiner": 3, "coudre": 2})
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_search_alerts")
    out = capsys.readouterr().out
    assert out.strip().splitlines() == [
        "1 saved search(es) checked, 1 new profile(s) for 1, 1 e-mail(s) sent, "
        "0 no longer valid, 0 failed."
    ]
    assert [a.params["name"] for a in alerts_to(recruiter)] == ["Jardiniers"]


def test_the_alert_kind_has_its_text_among_the_notification_texts():
    """search/apps.py registers the kind into network's texts (network does not import
    search); without it the app would only say "You have a new notification"."""
    render = notification_kinds.TEXTS.get(kinds.SEARCH_NEW_PROFILES)
    assert render is kinds.new_profiles_text
