"""Forms of the portfolio pages: they parse and show errors; rules live in ``skills.actions``.

Skills are chosen in two ways in one form: ``skill_uris`` (check boxes of concepts, from the
suggestions or already on the item; referenced by URI and resolved on the server, an unknown
URI is an error) and ``skills_text`` (words typed by the youth; those matching no concept
are kept as proposals).
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import DisplayMode, User, Visibility
from network.privacy import allowed_item_visibilities

from . import selectors
from .actions import (
    AchievementDetails,
    ExperienceDetails,
    ProfileSettings,
    SkillChoice,
    parse_typed_skills,
)
from .models import Experience, SkillConcept, SkillLevel

_DATE_WIDGET = {"type": "date"}
_ACCEPT_FILES = "image/jpeg,image/png,image/webp,application/pdf"
_FILE_ERRORS = {
    "required": _("Choose a file."),
    "empty": _("This file is empty. Choose the file again."),
    "invalid": _("No file was received. Choose the file again."),
    "missing": _("No file was received. Choose the file again."),
}


class ConceptChoiceField(forms.MultipleChoiceField):
    """Skill concepts by URI; the choices shown change with the suggestions, so any URI is
    accepted from the browser and resolved here (unknown ones are refused)."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value: str) -> bool:
        return True  # checked in clean() against the database

    def clean(self, value: object) -> list[SkillConcept]:
        uris = [uri for uri in super().clean(value) if uri]
        if len(uris) > 50:
            raise forms.ValidationError(_("Too many skills at once."))
        found = selectors.concepts_by_uri(uris)
        unknown = [uri for uri in uris if uri not in found]
        if unknown:
            raise forms.ValidationError(
                _("We do not know this skill: %(uri)s. Untick it and try again."),
                params={"uri": unknown[0]},
            )
        return [found[uri] for uri in dict.fromkeys(uris)]


class SkillsFormMixin(forms.Form):
    """The skills part shared by the experience and achievement forms."""

    skills_text = forms.CharField(
        label=_("Skills, in your words"),
        required=False,
        max_length=1000,
        help_text=_("Separate them with commas. For example: accueil, gérer un stock"),
    )
    skill_uris = ConceptChoiceField(label=_("You may have used these skills:"), required=False)
    keep_my_words = forms.BooleanField(
        label=_("I have read the advice and I keep my words"), required=False
    )

    #: The text the suggestions are computed from (the description of the item).
    suggestion_source: str = ""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.suggested_uris: set[str] = set()
        # suggest.js reads these fields while the youth types.
        for name in (self.suggestion_source, "skills_text"):
            if name in self.fields:
                self.fields[name].widget.attrs["data-suggest-source"] = ""

    def set_skill_choices(
        self, *, current: Iterable[SkillConcept], suggested: Iterable[SkillConcept], language: str
    ) -> None:
        """The check boxes to show: the item's skills (ticked), then the suggestions."""
        concepts: dict[str, SkillConcept] = {}
        for concept in [*current, *suggested]:
            concepts.setdefault(concept.uri, concept)
        self.fields["skill_uris"].choices = [
            (uri, concept.label(language)) for uri, concept in concepts.items()
        ]
        self.suggested_uris = {concept.uri for concept in suggested}

    def posted_uris(self) -> list[str]:
        return [uri for uri in self.data.getlist(self.add_prefix("skill_uris")) if uri]

    def suggestion_text(self) -> str:
        """What the youth wrote so far, for server-side suggestions (no JavaScript)."""
        return "\n".join(
            self.data.get(self.add_prefix(name), "")
            for name in (self.suggestion_source, "skills_text")
        ).strip()

    def skill_choice(self) -> SkillChoice:
        return SkillChoice(
            concepts=tuple(self.cleaned_data.get("skill_uris") or ()),
            typed=parse_typed_skills(self.cleaned_data.get("skills_text", "")),
        )


def _visibility_field(profile_visibility: str, label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Visibility.choices,
        initial=Visibility.narrowest(Visibility.MENTORS, profile_visibility),
        help_text=_("Never wider than your profile. You can change it at any time."),
    )


class ExperienceForm(SkillsFormMixin):
    kind = forms.ChoiceField(label=_("What kind of experience?"), choices=Experience.Kind.choices)
    title = forms.CharField(
        label=_("What was it?"),
        max_length=160,
        help_text=_("For example: Bénévole à la banque alimentaire"),
    )
    organisation_name = forms.CharField(
        label=_("Where (organisation, club, company)"), max_length=200, required=False
    )
    place = forms.CharField(
        label=_("Town"),
        max_length=120,
        required=False,
        help_text=_("Only the town, never your address."),
    )
    started_on = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(_DATE_WIDGET, format="%Y-%m-%d")
    )
    ended_on = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(_DATE_WIDGET, format="%Y-%m-%d"),
        help_text=_("Leave empty if it is still going on."),
    )
    description = forms.CharField(
        label=_("In your own words: what did you do there?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea({"rows": 5}),
        help_text=_("Simple words are fine. Skills will be suggested from what you write."),
    )
    visibility = forms.ChoiceField(label=_("Who sees it"), choices=Visibility.choices)

    suggestion_source = "description"
    field_order = [
        "kind",
        "title",
        "organisation_name",
        "place",
        "started_on",
        "ended_on",
        "description",
        "skills_text",
        "skill_uris",
        "visibility",
        "keep_my_words",
    ]

    def __init__(self, *args: object, profile_visibility: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visibility"] = _visibility_field(profile_visibility, _("Who sees it"))
        self.fields["visibility"].widget.choices = allowed_item_visibilities(profile_visibility)

    def clean(self) -> dict:
        cleaned = super().clean()
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end is before the start. Check the dates."))
        return cleaned

    def details(self) -> ExperienceDetails:
        data = self.cleaned_data
        return ExperienceDetails(
            kind=data["kind"],
            title=data["title"],
            organisation_name=data.get("organisation_name", ""),
            place=data.get("place", ""),
            started_on=data.get("started_on"),
            ended_on=data.get("ended_on"),
            description=data.get("description", ""),
            visibility=data["visibility"],
        )

    @classmethod
    def initial_from(cls, experience: Experience) -> dict:
        return {
            name: getattr(experience, name)
            for name in (
                "kind",
                "title",
                "organisation_name",
                "place",
                "started_on",
                "ended_on",
                "description",
                "visibility",
            )
        } | {"skill_uris": [concept.uri for concept in experience.skills.all()]}


class AchievementForm(SkillsFormMixin):
    title = forms.CharField(
        label=_("Your achievement in a few words"),
        max_length=160,
        help_text=_("For example: J'ai organisé le tournoi de fin de saison"),
    )
    what_i_did = forms.CharField(
        label=_("What I did"),
        max_length=4000,
        widget=forms.Textarea({"rows": 5}),
        help_text=_("Tell it step by step, in your words. Skills will be suggested from it."),
    )
    achieved_on = forms.DateField(
        label=_("When"), required=False, widget=forms.DateInput(_DATE_WIDGET, format="%Y-%m-%d")
    )
    experience = forms.ModelChoiceField(
        label=_("During which experience?"),
        queryset=Experience.objects.none(),
        required=False,
        empty_label=_("None of them"),
    )
    visibility = forms.ChoiceField(label=_("Who sees it"), choices=Visibility.choices)

    suggestion_source = "what_i_did"
    field_order = [
        "title",
        "what_i_did",
        "achieved_on",
        "experience",
        "skills_text",
        "skill_uris",
        "visibility",
        "keep_my_words",
    ]

    def __init__(
        self, *args: object, youth: User, profile_visibility: str, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        # Only the youth's own experiences can be chosen: another id is "not a valid choice".
        self.fields["experience"].queryset = selectors.list_experience_choices(youth)
        self.fields["visibility"] = _visibility_field(profile_visibility, _("Who sees it"))
        self.fields["visibility"].widget.choices = allowed_item_visibilities(profile_visibility)

    def details(self) -> AchievementDetails:
        data = self.cleaned_data
        return AchievementDetails(
            title=data["title"],
            what_i_did=data["what_i_did"],
            achieved_on=data.get("achieved_on"),
            experience=data.get("experience"),
            visibility=data["visibility"],
        )

    @classmethod
    def initial_from(cls, achievement: object) -> dict:
        return {
            "title": achievement.title,
            "what_i_did": achievement.what_i_did,
            "achieved_on": achievement.achieved_on,
            "experience": achievement.experience_id,
            "visibility": achievement.visibility,
            "skill_uris": [concept.uri for concept in achievement.skills.all()],
        }


class _FileInput(forms.ClearableFileInput):
    def __init__(self) -> None:
        super().__init__({"accept": _ACCEPT_FILES})


class EvidenceFileForm(forms.Form):
    file = forms.FileField(
        label=_("A photo or a PDF"),
        widget=_FileInput(),
        help_text=_(
            "JPEG, PNG, WebP or PDF, up to 10 MB. We remove the place and the date hidden in "
            "photos."
        ),
        error_messages=_FILE_ERRORS,
    )
    caption = forms.CharField(
        label=_("What it shows (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: l'affiche du tournoi"),
    )
    keep_my_words = forms.BooleanField(
        label=_("I have read the advice and I keep my words"), required=False
    )


class EvidenceLinkForm(forms.Form):
    url = forms.URLField(
        label=_("A link"),
        max_length=200,
        assume_scheme="https",
        help_text=_("An article, a video, a post that shows what you did."),
    )
    caption = forms.CharField(label=_("What it shows (optional)"), max_length=200, required=False)
    keep_my_words = forms.BooleanField(
        label=_("I have read the advice and I keep my words"), required=False
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Paste a web address that starts with https://"))
        return url


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the document"), max_length=160, help_text=_("For example: Mon CV")
    )
    file = forms.FileField(
        label=_("The file (PDF or photo)"),
        widget=_FileInput(),
        help_text=_("PDF, JPEG, PNG or WebP, up to 10 MB."),
        error_messages=_FILE_ERRORS,
    )
    shared_with_mentors = forms.BooleanField(label=_("My mentors can see it"), required=False)


class SkillLevelForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("My level"),
        choices=SkillLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )


def _languages_text(languages: object) -> str:
    return ", ".join(selectors.language_names(languages))


class ProfileSettingsForm(forms.Form):
    headline = forms.CharField(
        label=_("My headline"),
        max_length=140,
        required=False,
        help_text=_("One sentence that presents you. For example: Bénévole, j'aime organiser."),
    )
    goals = forms.CharField(
        label=_("My goals"),
        max_length=2000,
        required=False,
        widget=forms.Textarea({"rows": 4}),
        help_text=_("The job or sector that tempts you, even if you hesitate."),
    )
    available_from = forms.DateField(
        label=_("Available from"),
        required=False,
        widget=forms.DateInput(_DATE_WIDGET, format="%Y-%m-%d"),
    )
    mobility_km = forms.IntegerField(
        label=_("How far I can travel (km)"), required=False, min_value=0, max_value=1000
    )
    languages = forms.CharField(
        label=_("Languages I speak"),
        max_length=300,
        required=False,
        help_text=_("Separate them with commas. For example: français, arabe, anglais"),
    )
    driving_licence = forms.BooleanField(label=_("I have a driving licence"), required=False)
    visibility = forms.ChoiceField(label=_("Who sees my profile"), choices=Visibility.choices)
    discoverable = forms.BooleanField(
        label=_("Recruiters can find me in their search"),
        required=False,
        help_text=_("Only if your profile is visible to recruiters. You can stop at any time."),
    )
    display_mode = forms.ChoiceField(
        label=_("How recruiters see me"), choices=DisplayMode.choices, widget=forms.RadioSelect
    )
    keep_my_words = forms.BooleanField(
        label=_("I have read the advice and I keep my words"), required=False
    )

    def __init__(self, *args: object, is_minor: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if is_minor:
            field = self.fields["display_mode"]
            field.disabled = True
            field.initial = DisplayMode.ANONYMOUS
            field.help_text = _(
                "You are under 18: recruiters never see your name. This changes on your "
                "18th birthday."
            )

    def settings(self) -> ProfileSettings:
        data = self.cleaned_data
        languages = tuple(
            dict.fromkeys(
                " ".join(part.split())[:40]
                for part in data.get("languages", "").replace(";", ",").split(",")
                if part.strip()
            )
        )[:15]
        return ProfileSettings(
            headline=data.get("headline", ""),
            goals=data.get("goals", ""),
            available_from=data.get("available_from"),
            mobility_km=data.get("mobility_km"),
            languages=languages,
            driving_licence=data.get("driving_licence", False),
            visibility=data["visibility"],
            discoverable=data.get("discoverable", False),
            display_mode=data.get("display_mode") or DisplayMode.ANONYMOUS,
        )

    @classmethod
    def initial_from(cls, profile: object) -> dict:
        return {
            "headline": profile.headline,
            "goals": profile.goals,
            "available_from": profile.available_from,
            "mobility_km": profile.mobility_km,
            "languages": _languages_text(profile.languages),
            "driving_licence": profile.driving_licence,
            "visibility": profile.visibility,
            "discoverable": profile.discoverable,
            "display_mode": profile.display_mode,
        }
