"""Forms of the opportunity pages: they parse and show errors; rules live in
``network/opportunities.py``.

Skills are chosen like on an achievement, without JavaScript: check boxes of the starter
skills grouped by theme, plus skills typed by name (each must match a skill of the taxonomy).
"""

from __future__ import annotations

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from skills.actions import parse_typed_skills
from skills.models import ConceptType, SkillConcept
from skills.selectors import match_typed_skill

from .models import Application, Opportunity
from .opportunities import MAX_HOURS, MIN_HOURS, OpportunityDetails
from .opportunities_selectors import Filters

_DATE_WIDGET = {"type": "date"}


def starter_skill_choices(language: str) -> list[tuple[str, list[tuple[int, str]]]]:
    """The starter skills grouped under their theme (two queries)."""
    groups = (
        SkillConcept.objects.filter(is_starter=True, concept_type=ConceptType.GROUP)
        .prefetch_related("narrower")
        .order_by("id")
    )
    choices = []
    for group in groups:
        skills = sorted(
            (concept for concept in group.narrower.all() if concept.is_starter),
            key=lambda concept: concept.label(language).casefold(),
        )
        if skills:
            choices.append(
                (
                    group.label(language),
                    [(concept.pk, concept.label(language)) for concept in skills],
                )
            )
    return choices


class OpportunityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of opportunity"), choices=Opportunity.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=140, required=False)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        required=False,
        help_text=_("The tasks, the team, the hours, what you offer. Plain words."),
    )
    skill_ids = forms.TypedMultipleChoiceField(
        label=_("Skills it asks for"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skills_text = forms.CharField(
        label=_("Other skills, by name"),
        required=False,
        max_length=1000,
        help_text=_("Separate them with commas. Each must be a skill AcroJump knows."),
    )
    town = forms.CharField(label=_("Town"), max_length=120, required=False)
    remote = forms.BooleanField(label=_("Remote: it can be done from home"), required=False)
    contract = forms.ChoiceField(label=_("Contract"), choices=Opportunity.Contract.choices)
    hours_per_week = forms.IntegerField(
        label=_("Hours per week"),
        required=False,
        help_text=_("Between %(min)d and %(max)d.") % {"min": MIN_HOURS, "max": MAX_HOURS},
    )
    starts_on = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs=_DATE_WIDGET)
    )
    no_diploma_required = forms.BooleanField(label=_("No diploma required"), required=False)
    open_to_minors = forms.BooleanField(label=_("Open to under-18s"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        language = (translation.get_language() or "fr")[:2]
        self.fields["skill_ids"].choices = starter_skill_choices(language)

    def skill_groups(self) -> list[tuple[str, list[tuple[int, str, bool]]]]:
        """The check boxes by theme, each with whether it is ticked (for the template)."""
        value = self["skill_ids"].value() or []
        ticked = {str(pk) for pk in value}
        return [
            (group, [(pk, label, str(pk) in ticked) for pk, label in skills])
            for group, skills in self.fields["skill_ids"].choices
        ]

    def clean_skills_text(self) -> list[SkillConcept]:
        found: list[SkillConcept] = []
        for typed in parse_typed_skills(self.cleaned_data.get("skills_text", "")):
            concept = match_typed_skill(typed)
            if concept is None:
                raise forms.ValidationError(
                    _("We do not know the skill “%(skill)s”. Tick it in the list or check it."),
                    params={"skill": typed},
                )
            found.append(concept)
        return found

    def details(self) -> OpportunityDetails:
        data = self.cleaned_data
        ids = list(data.get("skill_ids") or [])
        concepts = {concept.pk: concept for concept in SkillConcept.objects.filter(pk__in=ids)}
        skills = [concepts[pk] for pk in ids if pk in concepts] + list(data.get("skills_text", []))
        return OpportunityDetails(
            kind=data["kind"],
            title=data.get("title", ""),
            description=data.get("description", ""),
            contract=data["contract"],
            skills=tuple(skills),
            town=data.get("town", ""),
            remote=data.get("remote", False),
            hours_per_week=data.get("hours_per_week"),
            starts_on=data.get("starts_on"),
            no_diploma_required=data.get("no_diploma_required", False),
            open_to_minors=data.get("open_to_minors", False),
        )

    @classmethod
    def initial_from(cls, opportunity: Opportunity) -> dict:
        return {
            "kind": opportunity.kind,
            "title": opportunity.title,
            "description": opportunity.description,
            "skill_ids": [concept.pk for concept in opportunity.skills.all()],
            "town": opportunity.town,
            "remote": opportunity.remote,
            "contract": opportunity.contract,
            "hours_per_week": opportunity.hours_per_week,
            "starts_on": opportunity.starts_on,
            "no_diploma_required": opportunity.no_diploma_required,
            "open_to_minors": opportunity.open_to_minors,
        }


class ApplyForm(forms.Form):
    message = forms.CharField(
        label=_("A few words for the recruiter (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    named = forms.BooleanField(
        label=_("Show my first name and town to the recruiter"),
        required=False,
        help_text=_("If you do not tick it, the recruiter sees your skills without your name."),
    )


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Move to"),
        choices=[
            (value, label)
            for value, label in Application.Status.choices
            if value != Application.Status.WITHDRAWN
        ],
    )
    message = forms.CharField(
        label=_("Message to the young person"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Required for a decision. Be kind and concrete: it is sent by e-mail too."),
    )


class RecommendForm(forms.Form):
    text = forms.CharField(
        label=_("Your recommendation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What you saw this young person do, in a few sentences. The recruiter sees it."
        ),
    )


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Opportunity.Kind.choices]
    )
    within_km = forms.IntegerField(
        label=_("Within (km)"), required=False, min_value=1, max_value=1000
    )
    no_diploma = forms.BooleanField(label=_("No diploma required"), required=False)
    remote = forms.BooleanField(label=_("Remote only"), required=False)

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            kind=data.get("kind") or "",
            within_km=data.get("within_km"),
            no_diploma=bool(data.get("no_diploma")),
            remote=bool(data.get("remote")),
        )
