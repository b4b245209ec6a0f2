"""The completeness coach, and the checks a text gets before recruiters read it.

The coach reads what a youth already wrote and answers the way a counsellor does in a
"present yourself online" workshop: a score, and the next concrete steps, each about one
of their own items ("Add a photo or a certificate that shows "Tournoi de fin de saison"").
It computes from data the selectors already loaded: no query of its own.

``check_public_text`` flags what should not reach recruiters or the public: personal data
(phone numbers, e-mail addresses, street addresses), insults and swear words, and wording
a recruiter would frown at (slang, texting abbreviations, complaints about a past job),
each with what to write instead. Personal data and insults block a public save; wording is
advice the youth may keep after reading it (descriptions are in their own words).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.models import Visibility

# --- Text checks -------------------------------------------------------------------------

PERSONAL_DATA = "personal_data"
INSULT = "insult"
WORDING = "wording"


@dataclass(frozen=True)
class TextFlag:
    """Something in a text to change before it goes public, and what to write instead."""

    category: str  # PERSONAL_DATA, INSULT or WORDING
    field: str
    excerpt: str
    advice: str

    @property
    def blocking(self) -> bool:
        """Personal data and insults cannot go public; wording is advice."""
        return self.category in (PERSONAL_DATA, INSULT)


def _fold(text: str) -> str:
    """Lower case without accents, one character for one, so match positions stay valid."""
    folded = []
    for character in text.lower():
        decomposed = unicodedata.normalize("NFKD", character)
        folded.append(decomposed[0] if decomposed else character)
    return "".join(folded).replace("\u2019", "'")


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)\s?33\s?\(?0?\)?[\s.\-]?[1-9]|0[1-9])(?:[\s.\-]?\d{2}){4}(?!\d)"
    r"|(?<![\d+])\+\d{1,3}(?:[\s.\-]?\d){7,12}(?!\d)"
)
_STREET_WORDS = (
    "rue|avenue|av|bd|boulevard|chemin|allee|impasse|place|route|quai|square|residence"
    "|lotissement|cite|hameau|street|st|road|rd|lane"
)
_ADDRESS = re.compile(
    rf"\b\d{{1,4}}\s?(?:bis|ter)?,?\s+(?:{_STREET_WORDS})\b\.?(?:\s+[\w'-]+){{0,4}}"
    r"|\b(?:batiment|bat|appartement|appart|appt|apt|escalier)\b\.?\s*(?:n[o°]?\s*)?"
    r"(?:\d{1,4}[a-z]?|[a-z])\b"
)

_INSULTS = re.compile(
    r"\b(?:conne|connard|connards|connasse|salope|salaud|pute|putain|encule|enculer"
    r"|batard|batards|nique|niquer|ntm|fdp|tg|ta gueule|ferme ta gueule|merde|merdique"
    r"|bordel|abruti|abrutis|debile|debiles|cretin|cretins|gogol|bouffon|bouffons|pd"
    r"|fuck|fucking|fucked|shit|bitch|asshole|bastard|dickhead|motherfucker|wtf)\b"
)

#: Wording a recruiter frowns at, with what to write instead (French and English).
_WORDING: tuple[tuple[re.Pattern[str], object], ...] = tuple(
    (re.compile(pattern), advice)
    for pattern, advice in (
        (
            r"\b(?:mdr|ptdr|lol|lmao|xd|omg)\b",
            gettext_lazy("Remove “%(excerpt)s”: keep that tone for your friends."),
        ),
        (r"\bwesh\b", gettext_lazy("Remove “%(excerpt)s”: start simply, with what you did.")),
        (r"\b(?:jsuis|chui|chuis|jsui)\b", gettext_lazy("Write “je suis” in full.")),
        (r"\bjsp\b|\bidk\b", gettext_lazy("Write the words in full, without abbreviations.")),
        (
            r"\b(?:tkt|bcp|pcq|pck|psk|stp|jpp|ajd|auj|tjr|tjrs|pk|pq)\b",
            gettext_lazy(
                "Write “%(excerpt)s” in full: recruiters read texting abbreviations badly."
            ),
        ),
        (r"(?<!\d )\bg\b(?= [a-z])", gettext_lazy("Write “j'ai” instead of “g”.")),
        (r"\by'?a\b(?= )", gettext_lazy("Write “il y a” in full.")),
        (
            r"\b(?:kiff\w*|kif)\b",
            gettext_lazy("Say “j'aime” or “j'apprécie” instead of “%(excerpt)s”."),
        ),
        (
            r"\b(?:taf|bosser|bosse|bossais|bossait)\b",
            gettext_lazy("Say “travail” or “travailler” instead of “%(excerpt)s”."),
        ),
        (
            r"\b(?:thune|thunes|fric|oseille)\b",
            gettext_lazy("Say “argent” instead of “%(excerpt)s”."),
        ),
        (r"\b(?:pote|potes)\b", gettext_lazy("Say “ami” or “amie” instead of “%(excerpt)s”.")),
        (
            r"\b(?:mec|mecs|meuf|meufs)\b",
            gettext_lazy("Say “une personne” or “un collègue” instead of “%(excerpt)s”."),
        ),
        (r"\bbouffe\b", gettext_lazy("Say “repas” or “nourriture” instead of “%(excerpt)s”.")),
        (
            r"\b(?:relou|relous|chiant|chiante|chiants|saoulant|soulant|chelou)\b",
            gettext_lazy("Describe the difficulty calmly, for example “c'était exigeant”."),
        ),
        (
            r"\b(?:galere|galerer|galerais)\b",
            gettext_lazy("Say “c'était difficile” and what you did about it."),
        ),
        (r"\b(?:demerde\w*)\b", gettext_lazy("Say “je me débrouille” instead of “%(excerpt)s”.")),
        (r"\bflemme\b", gettext_lazy("Remove “%(excerpt)s”: recruiters look for motivation.")),
        (
            r"\b(?:fait virer|suis fait vire|vire|viree|got fired|was fired)\b",
            gettext_lazy(
                "Say “mon contrat s'est arrêté” (“my contract ended”) and what you learnt."
            ),
        ),
        (
            r"\bje suis (?:nul|nulle|trop nul|trop nulle)\b|\bi(?:'m| am) (?:bad|useless)\b",
            gettext_lazy("Do not put yourself down: say what you are learning instead."),
        ),
        (
            r"\bje (?:deteste|hais)\b|\bi hate\b|\bsucks?\b|\bboring\b",
            gettext_lazy("Say what you prefer rather than what you hate: it reads better."),
        ),
        (
            r"\b(?:gonna|wanna|gotta)\b",
            gettext_lazy("Write “going to”, “want to”, “have to” in full."),
        ),
        (
            r"\b(?:stupid|dumb|idiot|idiote|idiots)\b",
            gettext_lazy("Remove “%(excerpt)s”: it sounds like a put-down."),
        ),
        (r"\bu\b(?= )|\bur\b", gettext_lazy("Write “you” and “your” in full.")),
        (
            r"\b(?:and stuff|and things|des trucs|tout ca)\b",
            gettext_lazy("Be precise instead of “%(excerpt)s”: say what exactly."),
        ),
    )
)
_SHOUTING_MIN_LETTERS = 12
_REPEATED_MARKS = re.compile(r"[!?]{3,}")


def check_public_text(text: str, *, field_name: str = "") -> list[TextFlag]:
    """What to change in ``text`` before recruiters or the public read it."""
    if not text or not text.strip():
        return []
    folded = _fold(text)
    flags: list[TextFlag] = []

    def add(category: str, match: re.Match[str], advice: str) -> None:
        excerpt = text[match.start() : match.end()].strip()
        flags.append(TextFlag(category, field_name, excerpt, advice))

    for match in _EMAIL.finditer(text):
        add(
            PERSONAL_DATA,
            match,
            _(
                "Remove your e-mail address: recruiters contact you through a request on "
                "AcroJump, and your address stays private."
            ),
        )
    for match in _PHONE.finditer(text):
        add(
            PERSONAL_DATA,
            match,
            _(
                "Remove this phone number: recruiters contact you through a request on "
                "AcroJump, never directly."
            ),
        )
    for match in _ADDRESS.finditer(folded):
        add(
            PERSONAL_DATA,
            match,
            _(
                "Remove this address: write only the town, for example "
                "“une banque alimentaire à Roubaix”."
            ),
        )
    for match in _INSULTS.finditer(folded):
        add(
            INSULT,
            match,
            _(
                "Remove “%(excerpt)s”: a recruiter would stop reading here. Say calmly what "
                "happened and what you did."
            )
            % {"excerpt": text[match.start() : match.end()]},
        )
    for pattern, advice in _WORDING:
        for match in pattern.finditer(folded):
            add(WORDING, match, str(advice) % {"excerpt": text[match.start() : match.end()]})
    letters = [character for character in text if character.isalpha()]
    if len(letters) >= _SHOUTING_MIN_LETTERS and sum(c.isupper() for c in letters) > 0.7 * len(
        letters
    ):
        flags.append(
            TextFlag(
                WORDING,
                field_name,
                text[:40],
                _("Write in lower case: capitals read as shouting."),
            )
        )
    for match in _REPEATED_MARKS.finditer(text):
        add(WORDING, match, _("One punctuation mark is enough: “!” rather than “!!!”."))
    return flags


def check_public_texts(texts: dict[str, str]) -> list[TextFlag]:
    """``check_public_text`` over several fields (name → text)."""
    return [
        flag for name, text in texts.items() for flag in check_public_text(text, field_name=name)
    ]


# --- The completeness coach ----------------------------------------------------------------


@dataclass(frozen=True)
class CoachStep:
    """One next step, in the words of a counsellor, with where to do it."""

    text: str
    url: str
    link_text: str


@dataclass(frozen=True)
class Coaching:
    score: int  # 0 to 100
    steps: list[CoachStep] = field(default_factory=list)

    @property
    def next_step(self) -> CoachStep | None:
        return self.steps[0] if self.steps else None


#: Evidence that fits the kind of experience, as a counsellor would suggest it.
_EVIDENCE_IDEAS = {
    "sport_club": gettext_lazy("a photo of the poster, of the team or of the results sheet"),
    "volunteering": gettext_lazy("a certificate from the association or a photo of the action"),
    "civic_service": gettext_lazy("your civic service certificate or a photo of an activity"),
    "job": gettext_lazy("a work certificate or a payslip without the amounts"),
    "internship": gettext_lazy("your internship agreement or the tutor's assessment"),
    "training": gettext_lazy("the training certificate"),
    "school": gettext_lazy("a report card or a photo of a project"),
    "personal_project": gettext_lazy("a photo of what you made or a link to it"),
    "family_caring": gettext_lazy("a photo of what you organised (a planning, a list)"),
}
_OUTSIDE_WORK_KINDS = {"volunteering", "sport_club", "family_caring", "personal_project"}
_MIN_SKILLS = 3


def _untouched_level(profile_skill: object) -> bool:
    return profile_skill.level_chosen_at is None


def coach_portfolio(
    *,
    profile: object,
    experiences: Sequence[object],
    achievements: Sequence[object],
    profile_skills: Sequence[object],
) -> Coaching:
    """A score out of 100 and the next steps, most useful first.

    ``experiences`` and ``achievements`` come with their skills prefetched, achievements with
    ``evidence_count`` annotated (as ``skills.selectors`` loads them): no query happens here.
    """
    steps: list[CoachStep] = []
    score = 0.0

    if not experiences:
        steps.append(
            CoachStep(
                _(
                    "Start with one experience: a job, volunteering, the club, looking after "
                    "your family… Everything counts."
                ),
                reverse("skills:experience_new"),
                _("Add an experience"),
            )
        )
    else:
        score += 15
    if profile.headline.strip():
        score += 10
    else:
        steps.append(
            CoachStep(
                _(
                    "Write one sentence that presents you, for example “Bénévole à la banque "
                    "alimentaire, j'aime organiser et accueillir”."
                ),
                reverse("skills:profile_settings"),
                _("Write my headline"),
            )
        )

    for experience in experiences:
        if not list(experience.skills.all()):
            steps.append(
                CoachStep(
                    _("Say which skills you used at “%(title)s”.") % {"title": experience.title},
                    reverse("skills:experience_edit", args=[experience.pk]),
                    _("Add skills"),
                )
            )
    with_evidence = [a for a in achievements if a.evidence_count]
    for achievement in achievements:
        if not achievement.evidence_count:
            kind = achievement.experience.kind if achievement.experience_id else ""
            idea = _EVIDENCE_IDEAS.get(kind, gettext_lazy("a photo or a document"))
            steps.append(
                CoachStep(
                    _("Add %(idea)s as evidence for “%(title)s”.")
                    % {"idea": idea, "title": achievement.title},
                    reverse("skills:achievement_detail", args=[achievement.pk]),
                    _("Add evidence"),
                )
            )
    if achievements:
        score += 10 + 15 * len(with_evidence) / len(achievements)
    experiences_with_achievement = {a.experience_id for a in achievements if a.experience_id}
    for experience in experiences:
        if experience.pk not in experiences_with_achievement:
            steps.append(
                CoachStep(
                    _(
                        "Tell one thing you achieved at “%(title)s”: something concrete you "
                        "did, that you are proud of."
                    )
                    % {"title": experience.title},
                    reverse("skills:achievement_new") + f"?experience={experience.pk}",
                    _("Add an achievement"),
                )
            )
            break  # one at a time: a long list discourages

    untouched = [s for s in profile_skills if _untouched_level(s)]
    if profile_skills:
        score += 15 * min(len(profile_skills), _MIN_SKILLS) / _MIN_SKILLS
        score += 10 * (len(profile_skills) - len(untouched)) / len(profile_skills)
    if untouched:
        steps.append(
            CoachStep(
                _("How well do you master “%(skill)s”? Choose your level.")
                % {"skill": untouched[0].concept.label()},
                reverse("skills:my_skills"),
                _("Set my levels"),
            )
        )
    if experiences and len(profile_skills) < _MIN_SKILLS:
        steps.append(
            CoachStep(
                _("Aim for at least %(count)s skills: look at what you did, step by step.")
                % {"count": _MIN_SKILLS},
                reverse("skills:experience_list"),
                _("My experiences"),
            )
        )

    if profile.goals.strip():
        score += 10
    else:
        steps.append(
            CoachStep(
                _("Write your goal: the job or the sector that tempts you, even if you hesitate."),
                reverse("skills:profile_settings"),
                _("Write my goal"),
            )
        )
    if experiences and not any(e.kind in _OUTSIDE_WORK_KINDS for e in experiences):
        steps.append(
            CoachStep(
                _(
                    "Think of what you do outside work: volunteering, the club, helping your "
                    "family, a project of your own. It counts too."
                ),
                reverse("skills:experience_new"),
                _("Add an experience"),
            )
        )
    if profile.available_from and profile.mobility_km is not None:
        score += 10
    else:
        steps.append(
            CoachStep(
                _(
                    "Say from when you are available and how far you can travel: recruiters "
                    "look at that first."
                ),
                reverse("skills:profile_settings"),
                _("My availability"),
            )
        )
    if profile.languages:
        score += 5
    else:
        steps.append(
            CoachStep(
                _("List the languages you speak, French included: it is a skill too."),
                reverse("skills:profile_settings"),
                _("My languages"),
            )
        )

    steps.extend(_public_text_steps(profile, experiences, achievements))
    if profile.visibility == Visibility.ONLY_ME and experiences:
        steps.append(
            CoachStep(
                _(
                    "Only you can see your profile. When you feel ready, open it to members or "
                    "to recruiters."
                ),
                reverse("skills:profile_settings"),
                _("Who sees my profile"),
            )
        )
    return Coaching(score=min(100, round(score)), steps=steps)


def _public_text_steps(
    profile: object, experiences: Iterable[object], achievements: Iterable[object]
) -> list[CoachStep]:
    """Re-read advice for texts recruiters can already read (kept after a warning)."""
    public = {Visibility.RECRUITERS, Visibility.PUBLIC}
    if profile.visibility not in public:
        return []
    for experience in experiences:
        if experience.visibility in public and check_public_texts(
            {"title": experience.title, "description": experience.description}
        ):
            return [
                CoachStep(
                    _("Read “%(title)s” again before recruiters do: some words could be better.")
                    % {"title": experience.title},
                    reverse("skills:experience_edit", args=[experience.pk]),
                    _("Read it again"),
                )
            ]
    for achievement in achievements:
        if achievement.visibility in public and check_public_texts(
            {"title": achievement.title, "what_i_did": achievement.what_i_did}
        ):
            return [
                CoachStep(
                    _("Read “%(title)s” again before recruiters do: some words could be better.")
                    % {"title": achievement.title},
                    reverse("skills:achievement_edit", args=[achievement.pk]),
                    _("Read it again"),
                )
            ]
    return []
