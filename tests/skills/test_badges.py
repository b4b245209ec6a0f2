"""Open Badges: 2.0 hosted assertions and baked PNGs, 3.0 VC-JWT signed by the organisation."""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import json
from urllib.parse import urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core import mail
from django.test import Client
from django.utils import timezone
from PIL import Image

from network import notification_kinds
from network.models import Mentorship, Notification, Role, Visibility
from skills import badges
from skills.export import collect_user_data
from skills.models import BadgeAssertion, Endorsement, IssuerKey, ProfileValidation

from .portfolio_helpers import add_achievement, logged_in, make_concept, set_profile


@pytest.fixture
def paul(make_user):
    """A mentor of another organisation."""
    return make_user(
        "paul@example.org",
        role=Role.MENTOR,
        first_name="Paul",
        age=None,
        organisation="Club de foot",
        organisation_kind="club",
    )


@pytest.fixture
def organisation(nadia):
    return nadia.organisations.get()


@pytest.fixture
def stock():
    concept = make_concept("Gérer un stock", "Manage a stock")
    concept.uri = "http://data.europa.eu/esco/skill/test-stock"
    concept.save(update_fields=["uri"])
    return concept


def endorse(youth, mentor, concept, *, status=Endorsement.Status.ACCEPTED) -> Endorsement:
    """An endorsement as the endorsement flows leave it (they have their own tests)."""
    return Endorsement.objects.create(
        youth=youth,
        concept=concept,
        endorser=mentor,
        endorser_name=mentor.first_name,
        endorser_organisation=mentor.organisations.first(),
        relationship="counsellor",
        context="Banque alimentaire, hiver 2025",
        observed="Elle a tenu le stock seule pendant trois mois.",
        status=status,
        answered_at=timezone.now(),
    )


def issue(client: Client, organisation, endorsement):
    return client.post(
        f"/badges/organisations/{organisation.pk}/endorsements/{endorsement.pk}/issue/"
    )


@pytest.fixture
def badge(ines, nadia, organisation, stock, django_capture_on_commit_callbacks) -> BadgeAssertion:
    endorsement = endorse(ines, nadia, stock)
    with django_capture_on_commit_callbacks(execute=True):
        response = issue(logged_in(nadia), organisation, endorsement)
    assert response.status_code == 302
    return BadgeAssertion.objects.get(endorsement=endorsement)


def get_json(client: Client, url: str, *, status: int = 200) -> dict:
    response = client.get(urlsplit(url).path)
    assert response.status_code == status, url
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_a_mentor_of_the_organisation_awards_a_badge_and_the_youth_is_told(ines, badge):
    assert badge.issuer.name == "Mission Locale de Dijon"
    assert badge.youth == ines
    assert "trois mois" in badge.evidence_narrative
    assert Notification.objects.filter(
        recipient=ines, kind=notification_kinds.BADGE_ISSUED
    ).exists()
    assert mail.outbox[-1].to == ["ines@example.org"]
    # The organisation's signing key exists from the first badge on.
    assert IssuerKey.objects.filter(organisation=badge.issuer).exists()


def test_only_the_organisations_mentors_may_award_it(ines, nadia, paul, organisation, stock):
    endorsement = endorse(ines, nadia, stock)
    assert issue(logged_in(paul), organisation, endorsement).status_code == 403
    assert issue(logged_in(ines), organisation, endorsement).status_code == 403
    assert logged_in(paul).get(f"/badges/organisations/{organisation.pk}/").status_code == 403
    assert not BadgeAssertion.objects.exists()


def test_an_endorsement_not_accepted_or_from_outside_cannot_become_a_badge(
    ines, nadia, paul, organisation, stock
):
    waiting = endorse(ines, nadia, stock, status=Endorsement.Status.WAITING_FOR_YOUTH)
    assert issue(logged_in(nadia), organisation, waiting).status_code == 404
    other = endorse(ines, paul, make_concept("Arbitrer un match"))
    assert issue(logged_in(nadia), organisation, other).status_code == 404
    assert not BadgeAssertion.objects.exists()


def test_one_badge_per_endorsement(nadia, organisation, badge):
    assert issue(logged_in(nadia), organisation, badge.endorsement).status_code == 404
    assert BadgeAssertion.objects.count() == 1


def test_open_badges_2_json_has_every_required_field_and_its_links_resolve(
    ines, badge, stock, client
):
    assertion = get_json(client, f"/badges/assertions/{badge.pk}.json")
    assert assertion["@context"] == "https://w3id.org/openbadges/v2"
    assert assertion["type"] == "Assertion"
    assert assertion["id"] == f"http://testserver/badges/assertions/{badge.pk}.json"
    assert assertion["verification"] == {"type": "hosted"}
    assert assertion["issuedOn"].endswith("Z")
    recipient = assertion["recipient"]
    assert recipient["type"] == "email" and recipient["hashed"] is True
    expected = hashlib.sha256(("ines@example.org" + recipient["salt"]).encode()).hexdigest()
    assert recipient["identity"] == f"sha256${expected}"
    assert "ines@example.org" not in json.dumps(assertion)
    assert assertion["evidence"][0]["narrative"]
    assert "revoked" not in assertion

    badge_class = get_json(client, assertion["badge"])
    assert badge_class["type"] == "BadgeClass"
    assert badge_class["id"] == assertion["badge"]
    for field in ("name", "description", "image", "criteria", "issuer"):
        assert badge_class[field], field
    assert badge_class["name"] == "Gérer un stock"
    assert badge_class["alignment"] == [
        {
            "targetName": "Gérer un stock",
            "targetUrl": "http://data.europa.eu/esco/skill/test-stock",
            "targetFramework": "ESCO",
            "targetDescription": badge_class["description"],
        }
    ]
    image = client.get(urlsplit(badge_class["image"]).path)
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(image.content)).size == (400, 400)

    issuer = get_json(client, badge_class["issuer"])
    assert issuer["type"] == "Issuer"
    assert issuer["id"] == badge_class["issuer"]
    assert issuer["name"] == "Mission Locale de Dijon"
    assert issuer["url"].startswith("http")
    assert "@" in issuer["email"]
    assert get_json(client, issuer["revocationList"])["revokedAssertions"] == []

    baked = client.get(urlsplit(assertion["image"]).path)
    assert baked.status_code == 200


def test_the_baked_png_carries_the_assertion(badge, client):
    response = client.get(f"/badges/assertions/{badge.pk}.png")
    assert response["Content-Type"] == "image/png"
    baked = json.loads(badges.read_baked_assertion(response.content))
    assert baked == get_json(client, f"/badges/assertions/{badge.pk}.json")
    # It is a real iTXt chunk with the "openbadges" keyword.
    assert b"iTXtopenbadges\x00" in response.content


def client_fetch(client: Client):
    def fetch(url: str) -> dict:
        return get_json(client, url)

    return fetch


def credential_of(client: Client, badge: BadgeAssertion) -> str:
    response = client.get(f"/badges/assertions/{badge.pk}.jwt")
    assert response.status_code == 200
    return response.content.decode()


def test_open_badges_3_credential_verifies_with_the_published_key(badge, stock, client):
    token = credential_of(client, badge)
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA"
    jwks = get_json(client, f"/badges/issuers/{badge.issuer_id}/jwks.json")
    assert [key["kid"] for key in jwks["keys"]] == [header["kid"]]
    assert jwks["keys"][0]["kty"] == "OKP" and jwks["keys"][0]["crv"] == "Ed25519"
    assert "d" not in jwks["keys"][0]

    result = badges.verify_credential(token, fetch_json=client_fetch(client))
    assert result.valid, result.reason
    credential = result.credential
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["type"] == ["Profile"]
    assert credential["issuer"]["name"] == "Mission Locale de Dijon"
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["alignment"][0]["targetUrl"] == stock.uri
    assert achievement["criteria"]["narrative"]
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["jti"] == credential["id"] == f"urn:uuid:{badge.pk}"
    assert claims["iss"] == credential["issuer"]["id"]
    assert claims["nbf"] <= int(timezone.now().timestamp())
    # The issuer of the credential resolves too.
    assert get_json(client, claims["iss"])["name"] == "Mission Locale de Dijon"


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_tampered_credential_does_not_verify(badge, client):
    token = credential_of(client, badge)
    header, payload, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["vc"]["credentialSubject"]["achievement"]["name"] = "Piloter un avion"
    tampered = ".".join([header, _b64(claims), signature])
    result = badges.verify_credential(tampered, fetch_json=client_fetch(client))
    assert not result.valid and result.reason == "signature"

    # Signed with another key under the organisation's kid: refused as well.
    other = Ed25519PrivateKey.generate()
    forged = jwt.encode(claims, other, algorithm="EdDSA", headers=jwt.get_unverified_header(token))
    assert not badges.verify_credential(forged, fetch_json=client_fetch(client)).valid


def test_a_credential_is_not_valid_before_its_date(badge, client):
    token = credential_of(client, badge)
    before = badge.issued_at - datetime.timedelta(days=2)
    result = badges.verify_credential(token, fetch_json=client_fetch(client), now=before)
    assert not result.valid and result.reason == "not yet valid"


def revoke(client: Client, badge: BadgeAssertion, reason: str = "Délivré par erreur"):
    return client.post(f"/badges/assertions/{badge.pk}/revoke/", {"reason": reason})


def test_a_revoked_badge_does_not_verify_and_is_listed_as_revoked(
    ines, nadia, badge, client, django_capture_on_commit_callbacks
):
    token = credential_of(client, badge)
    with django_capture_on_commit_callbacks(execute=True):
        assert revoke(logged_in(nadia), badge).status_code == 302
    badge.refresh_from_db()
    assert badge.is_revoked

    result = badges.verify_credential(token, fetch_json=client_fetch(client))
    assert not result.valid and result.reason == "revoked"

    gone = get_json(client, f"/badges/assertions/{badge.pk}.json", status=410)
    assert gone["revoked"] is True
    assert gone["revocationReason"] == "Délivré par erreur"
    listed = get_json(client, f"/badges/issuers/{badge.issuer_id}/revocations.json")
    assert listed["revokedAssertions"] == [
        {"id": gone["id"], "revocationReason": "Délivré par erreur"}
    ]
    assert listed["revokedCredentials"][0]["id"] == f"urn:uuid:{badge.pk}"
    assert Notification.objects.filter(
        recipient=ines, kind=notification_kinds.BADGE_REVOKED
    ).exists()
    assert "Délivré par erreur" in mail.outbox[-1].body
    page = logged_in(ines).get("/badges/mine/").content.decode()
    assert "Revoked" in page and "Délivré par erreur" in page


def test_only_the_organisations_mentors_may_revoke(ines, paul, nadia, badge):
    assert revoke(logged_in(paul), badge).status_code == 403
    assert revoke(logged_in(ines), badge).status_code == 403
    assert revoke(logged_in(nadia), badge, reason="").status_code == 400
    badge.refresh_from_db()
    assert not badge.is_revoked


def test_a_validated_achievement_can_become_a_badge(ines, nadia, organisation, stock):
    set_profile(ines, visibility=Visibility.RECRUITERS)
    achievement = add_achievement(
        ines, title="J'ai tenu le stock", concepts=(stock,), visibility=Visibility.MENTORS
    )
    Mentorship.objects.create(
        youth=ines,
        mentor=nadia,
        organisation=organisation,
        status=Mentorship.Status.ACTIVE,
        started_at=timezone.now(),
    )
    url = f"/badges/organisations/{organisation.pk}/achievements/{achievement.pk}/{stock.pk}/issue/"
    # Not before the profile is validated.
    assert logged_in(nadia).post(url).status_code == 404
    logged_in(ines).post("/skills/validation/ask/", {"counsellor": nadia.pk})
    validation = ProfileValidation.objects.get()
    logged_in(nadia).post(
        f"/skills/validation/{validation.pk}/", {"decision": "validate", "comment": ""}
    )
    page = logged_in(nadia).get(f"/badges/organisations/{organisation.pk}/").content.decode()
    assert "J&#x27;ai tenu le stock" in page
    assert logged_in(nadia).post(url).status_code == 302
    badge = BadgeAssertion.objects.get(achievement=achievement)
    assert badge.concept == stock and badge.issuer == organisation
    # Once awarded, it is no longer offered.
    assert logged_in(nadia).post(url).status_code == 404


def test_the_youth_sees_and_downloads_their_badges_from_their_profile(ines, badge):
    client = logged_in(ines)
    profile = client.get("/skills/profile/").content.decode()
    assert 'href="/badges/mine/"' in profile
    page = client.get("/badges/mine/").content.decode()
    assert "Manage a stock" in page
    assert f"/badges/assertions/{badge.pk}.png?download=1" in page
    assert f"/badges/assertions/{badge.pk}.jwt?download=1" in page
    download = client.get(f"/badges/assertions/{badge.pk}.png?download=1")
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    credential = client.get(f"/badges/assertions/{badge.pk}.jwt?download=1")
    assert credential.status_code == 200
    assert credential.content.count(b".") == 2


def test_badges_are_in_the_data_export(ines, badge):
    exported = collect_user_data(ines)["badges"]
    assert exported[0]["id"] == str(badge.pk)
    assert exported[0]["issuer"] == "Mission Locale de Dijon"
    assert exported[0]["open_badges_2"].endswith(f"/badges/assertions/{badge.pk}.json")


def test_unknown_badges_and_classes_answer_404(organisation, client):
    assert (
        client.get("/badges/assertions/00000000-0000-0000-0000-000000000000.json").status_code
        == 404
    )
    assert client.get(f"/badges/classes/{organisation.pk}/nothing.json").status_code == 404
    assert client.get("/badges/issuers/999999.json").status_code == 404
