"""Open Badges: 2.0 JSON with hosted verification, PNG images with the assertion baked in,
3.0 credentials signed as VC-JWT with the organisation's Ed25519 key, and their verification.

Everything public lives under ``/badges/`` (``skills/badge_urls.py``); the ids in the JSON are
absolute URLs built from ``settings.WAGTAILADMIN_BASE_URL`` (the site's address, ``SITE_URL``).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import io
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.request import urlopen

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

from network.models import Organisation

from .models import BadgeAssertion, IssuerKey, SkillConcept

OB2_CONTEXT = "https://w3id.org/openbadges/v2"
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
REVOCATION_LIST_TYPE = "1EdTechRevocationList"
#: The iTXt keyword of a baked PNG (Open Badges 2.0, "Baking").
PNG_KEYWORD = "openbadges"
JWT_ALGORITHM = "EdDSA"


# --- Addresses ------------------------------------------------------------------------------


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def issuer_url(organisation_id: int) -> str:
    return absolute(reverse("badges:issuer", args=[organisation_id]))


def badge_class_url(organisation_id: int, concept: SkillConcept) -> str:
    return absolute(reverse("badges:badge_class", args=[organisation_id, concept.slug]))


def badge_class_image_url(organisation_id: int, concept: SkillConcept) -> str:
    return absolute(reverse("badges:badge_class_image", args=[organisation_id, concept.slug]))


def assertion_url(badge: BadgeAssertion) -> str:
    return absolute(reverse("badges:assertion", args=[badge.pk]))


def baked_image_url(badge: BadgeAssertion) -> str:
    return absolute(reverse("badges:assertion_image", args=[badge.pk]))


def credential_url(badge: BadgeAssertion) -> str:
    return absolute(reverse("badges:credential", args=[badge.pk]))


def jwks_url(organisation_id: int) -> str:
    return absolute(reverse("badges:jwks", args=[organisation_id]))


def revocation_list_url(organisation_id: int) -> str:
    return absolute(reverse("badges:revocations", args=[organisation_id]))


# --- Open Badges 2.0 ------------------------------------------------------------------------


def issuer_json(organisation: Organisation) -> dict[str, Any]:
    """The organisation as an Open Badges 2.0 Profile (Issuer)."""
    data: dict[str, Any] = {
        "@context": OB2_CONTEXT,
        "type": "Issuer",
        "id": issuer_url(organisation.pk),
        "name": organisation.name,
        "url": organisation.website or absolute("/"),
        "email": settings.DEFAULT_FROM_EMAIL.rpartition("<")[2].rstrip(">").strip(),
        "revocationList": revocation_list_url(organisation.pk),
    }
    if organisation.town:
        data["description"] = f"{organisation.get_kind_display()}, {organisation.town}"
    return data


def _description(concept: SkillConcept) -> str:
    return concept.sentence("fr") or concept.descriptions.get("fr") or concept.label("fr")


def badge_class_json(organisation: Organisation, concept: SkillConcept) -> dict[str, Any]:
    """The badge for one skill from one organisation, aligned to the skill's ESCO URI."""
    return {
        "@context": OB2_CONTEXT,
        "type": "BadgeClass",
        "id": badge_class_url(organisation.pk, concept),
        "name": concept.label("fr"),
        "description": _description(concept),
        "image": badge_class_image_url(organisation.pk, concept),
        "criteria": {"narrative": criteria_narrative(organisation, concept)},
        "issuer": issuer_url(organisation.pk),
        "alignment": [
            {
                "targetName": concept.label("fr"),
                "targetUrl": concept.uri,
                "targetFramework": "ESCO" if concept.is_esco else "AcroJump",
                "targetDescription": _description(concept),
            }
        ],
        "tags": [concept.label("fr")],
    }


def criteria_narrative(organisation: Organisation, concept: SkillConcept) -> str:
    return (
        f"Un·e professionnel·le de {organisation.name} a vu la personne mettre en œuvre la "
        f"compétence « {concept.label('fr')} » et en témoigne (recommandation acceptée par la "
        "personne ou réussite d'un profil validé par sa conseillère ou son conseiller)."
    )


def recipient_salt(badge: BadgeAssertion) -> str:
    """A salt stable for one badge, so the hosted JSON is the same at every request."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"badge-salt:{badge.pk}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:16]


def hashed_email(email: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def assertion_json(badge: BadgeAssertion) -> dict[str, Any]:
    """The Open Badges 2.0 Assertion, verified by being hosted at its own ``id``."""
    salt = recipient_salt(badge)
    data: dict[str, Any] = {
        "@context": OB2_CONTEXT,
        "type": "Assertion",
        "id": assertion_url(badge),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": salt,
            "identity": hashed_email(badge.youth.email, salt),
        },
        "badge": badge_class_url(badge.issuer_id, badge.concept),
        "verification": {"type": "hosted"},
        "issuedOn": _iso(badge.issued_at),
        "image": baked_image_url(badge),
    }
    if badge.evidence_narrative:
        data["evidence"] = [{"narrative": badge.evidence_narrative}]
        data["narrative"] = badge.evidence_narrative
    if badge.is_revoked:
        data["revoked"] = True
        data["revocationReason"] = badge.revocation_reason
    return data


def revoked_assertion_json(badge: BadgeAssertion) -> dict[str, Any]:
    """What the hosted URL of a revoked assertion answers (with HTTP 410 Gone)."""
    return {
        "@context": OB2_CONTEXT,
        "type": "Assertion",
        "id": assertion_url(badge),
        "revoked": True,
        "revocationReason": badge.revocation_reason,
    }


def revocation_list_json(organisation: Organisation) -> dict[str, Any]:
    """Revoked badges of an organisation: the 2.0 RevocationList and the 3.0 status list."""
    revoked = BadgeAssertion.objects.filter(issuer=organisation, revoked_at__isnull=False).order_by(
        "revoked_at", "pk"
    )
    return {
        "@context": OB2_CONTEXT,
        "type": "RevocationList",
        "id": revocation_list_url(organisation.pk),
        "issuer": issuer_url(organisation.pk),
        "revokedAssertions": [
            {"id": assertion_url(badge), "revocationReason": badge.revocation_reason}
            for badge in revoked
        ],
        "revokedCredentials": [
            {
                "id": f"urn:uuid:{badge.pk}",
                "revoked": True,
                "revocationReason": badge.revocation_reason,
            }
            for badge in revoked
        ],
    }


# --- Images ---------------------------------------------------------------------------------

_GREEN = (14, 110, 84)
_WHITE = (255, 255, 255)
_FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for path in _FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, font: Any, width: int, *, max_lines: int = 4
) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1] + " …"
    return lines


def badge_image(label: str, organisation_name: str) -> bytes:
    """A 400 × 400 PNG: a green disc with the skill, the organisation and AcroJump."""
    size = 400
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), fill=_GREEN, outline=_WHITE, width=8)
    title_font, small_font = _font(30), _font(18)
    lines = _wrap(draw, label, title_font, 280)
    line_height = 36
    top = size // 2 - (len(lines) * line_height) // 2 - 10
    for index, line in enumerate(lines):
        draw.text(
            (size / 2, top + index * line_height), line, font=title_font, fill=_WHITE, anchor="mt"
        )
    draw.text((size / 2, 70), "AcroJump", font=small_font, fill=_WHITE, anchor="mt")
    organisation = _wrap(draw, organisation_name, small_font, 240, max_lines=2)
    for index, line in enumerate(organisation):
        draw.text((size / 2, 300 + index * 22), line, font=small_font, fill=_WHITE, anchor="mt")
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def bake_png(png: bytes, assertion: dict[str, Any] | str) -> bytes:
    """The PNG with the assertion (JSON, or its URL) in an ``openbadges`` iTXt chunk."""
    text = assertion if isinstance(assertion, str) else json.dumps(assertion)
    image = Image.open(io.BytesIO(png))
    info = PngImagePlugin.PngInfo()
    info.add_itxt(PNG_KEYWORD, text, zip=False)
    output = io.BytesIO()
    image.save(output, "PNG", pnginfo=info)
    return output.getvalue()


def read_baked_assertion(png: bytes) -> str | None:
    """The text baked into a badge PNG, if any."""
    image = Image.open(io.BytesIO(png))
    image.load()
    value = image.text.get(PNG_KEYWORD) if hasattr(image, "text") else None
    return str(value) if value is not None else None


# --- Keys -----------------------------------------------------------------------------------


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def issuer_key(organisation: Organisation) -> IssuerKey:
    """The organisation's Ed25519 signing key, created on first use."""
    existing = IssuerKey.objects.filter(organisation=organisation).first()
    if existing is not None:
        return existing
    private_key = Ed25519PrivateKey.generate()
    public_raw = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    kid = f"org-{organisation.pk}-{secrets.token_hex(8)}"
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    jwk = {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": _b64url(public_raw),
        "kid": kid,
        "use": "sig",
        "alg": JWT_ALGORITHM,
    }
    try:
        with transaction.atomic():
            return IssuerKey.objects.create(
                organisation=organisation, kid=kid, private_key_pem=pem, public_jwk=jwk
            )
    except IntegrityError:
        # Another request created it at the same moment: use theirs.
        return IssuerKey.objects.get(organisation=organisation)


def public_jwks(organisation: Organisation) -> dict[str, Any]:
    key = IssuerKey.objects.filter(organisation=organisation).first()
    return {"keys": [key.public_jwk] if key else []}


# --- Open Badges 3.0 ------------------------------------------------------------------------


def credential_json(badge: BadgeAssertion) -> dict[str, Any]:
    """The award as an OpenBadgeCredential (Verifiable Credentials data model 2.0)."""
    organisation, concept = badge.issuer, badge.concept
    achievement: dict[str, Any] = {
        "id": badge_class_url(organisation.pk, concept),
        "type": ["Achievement"],
        "name": concept.label("fr"),
        "description": _description(concept),
        "criteria": {"narrative": criteria_narrative(organisation, concept)},
        "image": {"id": badge_class_image_url(organisation.pk, concept), "type": "Image"},
        "alignment": [
            {
                "type": ["Alignment"],
                "targetName": concept.label("fr"),
                "targetUrl": concept.uri,
                "targetFramework": "ESCO" if concept.is_esco else "AcroJump",
            }
        ],
    }
    salt = recipient_salt(badge)
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "salt": salt,
                "identityHash": hashed_email(badge.youth.email, salt),
            }
        ],
        "achievement": achievement,
    }
    if badge.evidence_narrative:
        subject["narrative"] = badge.evidence_narrative
    return {
        "@context": [VC_CONTEXT, OB3_CONTEXT],
        "id": f"urn:uuid:{badge.pk}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": issuer_url(organisation.pk),
            "type": ["Profile"],
            "name": organisation.name,
        },
        "name": concept.label("fr"),
        "validFrom": _iso(badge.issued_at),
        "credentialSubject": subject,
        "credentialStatus": {
            "id": revocation_list_url(organisation.pk),
            "type": REVOCATION_LIST_TYPE,
        },
    }


def credential_jwt(badge: BadgeAssertion) -> str:
    """The credential signed as a VC-JWT (EdDSA) with the organisation's key."""
    key = issuer_key(badge.issuer)
    credential = credential_json(badge)
    payload = {
        "iss": credential["issuer"]["id"],
        "sub": credential["credentialSubject"]["identifier"][0]["identityHash"],
        "jti": credential["id"],
        "nbf": int(badge.issued_at.timestamp()),
        "iat": int(badge.issued_at.timestamp()),
        "vc": credential,
    }
    return jwt.encode(
        payload,
        key.private_key_pem,
        algorithm=JWT_ALGORITHM,
        headers={"kid": key.kid, "typ": "JWT", "jku": jwks_url(badge.issuer_id)},
    )


@dataclass(frozen=True)
class Verification:
    valid: bool
    reason: str = ""
    credential: dict[str, Any] | None = None


def fetch_json_over_http(url: str) -> dict[str, Any]:
    with urlopen(url, timeout=10) as response:  # noqa: S310 - the issuer's published https URL
        return json.loads(response.read(1_000_000))


def verify_credential(
    token: str,
    *,
    fetch_json: Callable[[str], dict[str, Any]] = fetch_json_over_http,
    now: datetime.datetime | None = None,
) -> Verification:
    """Check a VC-JWT as any verifier would: the signature with the issuer's published key
    (its JWKS beside the issuer URL), the validity dates, and the revocation list.

    ``fetch_json`` loads a public URL (tests pass one that uses the test client).
    """
    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return Verification(False, "malformed")
    if header.get("alg") != JWT_ALGORITHM:
        return Verification(False, "algorithm")
    issuer = str(claims.get("iss", ""))
    if not issuer.endswith(".json"):
        return Verification(False, "issuer")
    # The keys are published beside the issuer profile: /badges/issuers/<id>/jwks.json.
    try:
        jwks = fetch_json(issuer.removesuffix(".json") + "/jwks.json")
    except Exception:
        return Verification(False, "keys unavailable")
    key_data = next(
        (key for key in jwks.get("keys", []) if key.get("kid") == header.get("kid")), None
    )
    if key_data is None:
        return Verification(False, "unknown key")
    try:
        public_key = jwt.PyJWK(key_data, algorithm=JWT_ALGORITHM)
        claims = jwt.decode(
            token,
            public_key,
            algorithms=[JWT_ALGORITHM],
            options={"require": ["iss", "jti", "nbf", "vc"]},
            leeway=60,
        )
    except jwt.ImmatureSignatureError:
        return Verification(False, "not yet valid")
    except jwt.ExpiredSignatureError:
        return Verification(False, "expired")
    except jwt.PyJWTError:
        return Verification(False, "signature")
    credential = claims["vc"]
    if credential.get("id") != claims.get("jti") or credential.get("issuer", {}).get(
        "id"
    ) != claims.get("iss"):
        return Verification(False, "claims do not match the credential")
    moment = now or datetime.datetime.now(datetime.UTC)
    for field_name, too_early in (("validFrom", True), ("validUntil", False)):
        value = credential.get(field_name)
        if not value:
            continue
        try:
            limit = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return Verification(False, f"bad {field_name}")
        if (too_early and moment + datetime.timedelta(seconds=60) < limit) or (
            not too_early and moment > limit
        ):
            return Verification(False, "expired" if not too_early else "not yet valid")
    status = credential.get("credentialStatus") or {}
    if status:
        if status.get("type") != REVOCATION_LIST_TYPE:
            return Verification(False, "unknown status type")
        try:
            revocations = fetch_json(status["id"])
        except Exception:
            return Verification(False, "revocation list unavailable")
        if any(
            entry.get("id") == credential.get("id") and entry.get("revoked", True)
            for entry in revocations.get("revokedCredentials", [])
        ):
            return Verification(False, "revoked", credential)
    return Verification(True, "", credential)
