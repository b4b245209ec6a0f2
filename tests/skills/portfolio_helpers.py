"""Helpers shared by the portfolio tests: concepts, files, and items made through the actions."""

from __future__ import annotations

import datetime
import io
import sys
import types
from collections.abc import Callable

from django.conf import settings
from django.test import Client
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from network.models import User, Visibility
from skills import actions
from skills.models import ConceptType, SkillConcept

_counter = iter(range(1, 1_000_000))


def make_concept(
    label_fr: str,
    label_en: str = "",
    *,
    reuse_level: str = "",
    broader: SkillConcept | None = None,
    concept_type: str = ConceptType.SKILL,
    is_starter: bool = False,
) -> SkillConcept:
    number = next(_counter)
    concept = SkillConcept.objects.create(
        name=label_fr,
        slug=f"test-portfolio-{number}",
        uri=f"https://acrojump.fr/skill/test-portfolio-{number}",
        plain_label_fr=label_fr,
        plain_label_en=label_en or label_fr,
        reuse_level=reuse_level,
        concept_type=concept_type,
        is_starter=is_starter,
    )
    if broader is not None:
        concept.broader.add(broader)
    return concept


def logged_in(user: User, *, language: str = "en") -> Client:
    """A client logged in as ``user``, reading the pages in ``language``."""
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def jpeg_bytes(*, with_gps: bool = True, size: tuple[int, int] = (60, 30)) -> bytes:
    """A phone-like JPEG: EXIF with the camera, a GPS position and a rotation, a comment."""
    image = Image.new("RGB", size, (200, 60, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 6  # rotated 90°: the stored pixels are sideways
    if with_gps:
        gps = exif.get_ifd(0x8825)
        gps[1] = "N"
        gps[2] = (50.0, 41.0, 31.0)
        gps[3] = "E"
        gps[4] = (3.0, 10.0, 55.0)
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif, comment=b"Ines at 12 rue de la Gare")
    return output.getvalue()


def png_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 120, 0, 255)).save(output, "PNG")
    return output.getvalue()


def pdf_bytes(*, with_script: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if with_script:
        # A document that runs JavaScript when opened.
        writer.root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hello');"),
            }
        )
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def add_experience(
    youth: User,
    *,
    title: str = "Bénévole à la banque alimentaire",
    kind: str = "volunteering",
    visibility: str = Visibility.MENTORS,
    concepts: tuple[SkillConcept, ...] = (),
    description: str = "Je trie les dons et j'accueille les familles.",
    started_on: datetime.date | None = datetime.date(2024, 9, 1),
) -> object:
    return actions.check_save_experience(
        youth,
        experience=None,
        details=actions.ExperienceDetails(
            kind=kind,
            title=title,
            organisation_name="Banque alimentaire",
            place="Roubaix",
            started_on=started_on,
            description=description,
            visibility=visibility,
        ),
        skills=actions.SkillChoice(concepts=concepts),
    )


def add_achievement(
    youth: User,
    *,
    title: str = "J'ai tenu le tableau du stock",
    visibility: str = Visibility.MENTORS,
    concepts: tuple[SkillConcept, ...] = (),
    experience: object | None = None,
) -> object:
    return actions.check_save_achievement(
        youth,
        achievement=None,
        details=actions.AchievementDetails(
            title=title,
            what_i_did="Chaque mardi je compte les dons et je remplis le tableau.",
            achieved_on=datetime.date(2025, 3, 1),
            experience=experience,
            visibility=visibility,
        ),
        skills=actions.SkillChoice(concepts=concepts),
    )


def set_profile(youth: User, **fields: object) -> object:
    """Save profile settings through the action (visibility, display mode, texts...)."""
    settings = actions.ProfileSettings(**fields)
    return actions.check_update_profile_settings(youth, settings=settings, keep_my_words=True)


def install_suggestions(monkeypatch: object, results: Callable[[str], list[dict]]) -> None:
    """Make ``skills.suggest.suggest_skills`` answer ``results(text)`` for this test.

    The suggestion engine is another part of the product, with its own tests; these tests
    check what the portfolio does with its answers.
    """

    def suggest_skills(text: str, *, language: str = "fr", **kwargs: object) -> list[dict]:
        return results(text)

    try:
        import skills.suggest as module
    except ModuleNotFoundError:
        module = types.ModuleType("skills.suggest")
        monkeypatch.setitem(sys.modules, "skills.suggest", module)
    monkeypatch.setattr(module, "suggest_skills", suggest_skills, raising=False)
