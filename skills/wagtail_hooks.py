"""The taxonomy in Wagtail (/cms/): editors curate skill concepts and map youths' proposals.

``SkillConcept`` is a snippet: a list with search and filters, an edit form for the
plain-language layer and the labels per language, and the chooser that
``OccupationPageSkill.skill`` and ``SkillProposal.concept`` use. The model is not indexed by
Wagtail search (13,500 ESCO concepts are written in bulk by the importer), so the list and the
chooser search with the database (``icontains``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ConceptType, SkillConcept, SkillProposal
from .models.taxonomy import ACROJUMP_URI_PREFIX
from .suggest import invalidate_index

LABEL_LANGUAGES = (("fr", _("French")), ("en", _("English")), ("es", _("Spanish")))
SEARCHED_FIELDS = ["name", "plain_label_fr", "plain_label_en", "uri", "slug"]


def search_concepts(concepts: QuerySet[SkillConcept], text: str) -> QuerySet[SkillConcept]:
    query = Q()
    for field in SEARCHED_FIELDS:
        query |= Q(**{f"{field}__icontains": text})
    return concepts.filter(query)


def _label_field(language: str) -> forms.CharField:
    return forms.CharField(
        label=format_lazy(_("Label ({language})"), language=language),
        help_text=_(
            "For an ESCO skill, the next ESCO import puts ESCO's label back: change what "
            "youths read in the first tab."
        ),
        max_length=255,
        required=False,
    )


def _words_field(language: str) -> forms.CharField:
    return forms.CharField(
        label=format_lazy(_("Other words ({language})"), language=language),
        help_text=_("One per line: synonyms, and the everyday words youths use."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class SkillConceptForm(WagtailAdminModelForm):
    """The labels of each language as plain fields instead of raw JSON.

    Labels of languages left out of the form are kept. The ESCO importer puts back ESCO's own
    labels of ESCO concepts (and the everyday words of starter_taxonomy.py); the plain-language
    fields stay as edited.
    """

    groups = forms.ModelMultipleChoiceField(
        queryset=SkillConcept.objects.filter(concept_type=ConceptType.GROUP).order_by(
            "-is_starter", "name"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Groups"),
        help_text=_("The broad groups this skill belongs to. Other parents (from ESCO) are kept."),
    )

    label_fr = _label_field(_("French"))
    alt_labels_fr = _words_field(_("French"))
    label_en = _label_field(_("English"))
    alt_labels_en = _words_field(_("English"))
    label_es = _label_field(_("Spanish"))
    alt_labels_es = _words_field(_("Spanish"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        concept = self.instance
        for code, _language in LABEL_LANGUAGES:
            self.fields[f"label_{code}"].initial = (concept.preferred_labels or {}).get(code, "")
            words = (concept.alt_labels or {}).get(code, [])
            self.fields[f"alt_labels_{code}"].initial = "\n".join(words)
        if concept.pk:
            self.fields["groups"].initial = list(
                concept.broader.filter(concept_type=ConceptType.GROUP).values_list("pk", flat=True)
            )
            # Imports and links find a concept by its URI: it does not change once created.
            self.fields["uri"].disabled = True
        else:
            self.fields["uri"].required = False
            self.fields["uri"].help_text = _("Leave empty for a skill of our own.")
        self.fields["slug"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not (cleaned.get("label_fr") or cleaned.get("label_en")):
            self.add_error("label_fr", _("Give the skill a label in French or in English."))
            return cleaned
        name = cleaned.get("label_fr") or cleaned.get("label_en")
        if not cleaned.get("slug"):
            cleaned["slug"] = self._free_slug(slugify(name)[:80] or "skill")
        if not self.instance.pk and not cleaned.get("uri"):
            cleaned["uri"] = ACROJUMP_URI_PREFIX + cleaned["slug"]
            if SkillConcept.objects.filter(uri=cleaned["uri"]).exists():
                self.add_error("slug", _("A skill already has this address."))
        return cleaned

    def _free_slug(self, base: str) -> str:
        taken = SkillConcept.objects.exclude(pk=self.instance.pk)
        slug, number = base, 2
        while taken.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug

    def save(self, commit: bool = True) -> SkillConcept:
        concept = super().save(commit=False)
        labels, alt_labels = dict(concept.preferred_labels or {}), dict(concept.alt_labels or {})
        for code, _language in LABEL_LANGUAGES:
            label = " ".join(self.cleaned_data.get(f"label_{code}", "").split())
            lines = self.cleaned_data.get(f"alt_labels_{code}", "").splitlines()
            words = [
                word for word in dict.fromkeys(" ".join(line.split()) for line in lines) if word
            ]
            labels.pop(code, None)
            alt_labels.pop(code, None)
            if label:
                labels[code] = label
            if words:
                alt_labels[code] = words
        concept.preferred_labels, concept.alt_labels = labels, alt_labels
        concept.name = labels.get("fr") or labels.get("en") or concept.name
        if commit:
            concept.save()
            self.save_m2m()
        return concept

    def _save_m2m(self) -> None:
        super()._save_m2m()
        if "groups" in self.cleaned_data:
            kept = self.instance.broader.exclude(concept_type=ConceptType.GROUP)
            self.instance.broader.set([*kept, *self.cleaned_data["groups"]])


class SkillConceptFilterForm(BaseFilterForm):
    """The chooser's search: the database, not a search index (see the module docstring)."""

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
    )
    starter = forms.BooleanField(
        label=_("Starter skills only"),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-chooser-modal-search-filter": True}),
    )

    def filter(self, objects: QuerySet[SkillConcept]) -> QuerySet[SkillConcept]:
        objects = super().filter(objects)
        if self.cleaned_data.get("starter"):
            objects = objects.filter(is_starter=True)
        text = (self.cleaned_data.get("q") or "").strip()
        if text:
            objects = search_concepts(objects, text)
            self.is_searching = True
            self.search_query = text
        return objects


class ConceptChooserMixin:
    filter_form_class = SkillConceptFilterForm
    ordering = ["-is_starter", "concept_type", "name"]

    @property
    def columns(self) -> list[Column]:
        return [
            *super().columns,  # type: ignore[misc]
            Column("concept_type", label=_("Type"), accessor="get_concept_type_display"),
            BooleanColumn("is_starter", label=_("Starter")),
        ]


class ConceptChooseView(ConceptChooserMixin, ChooseView):
    pass


class ConceptChooseResultsView(ConceptChooserMixin, ChooseResultsView):
    pass


class SkillConceptChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ConceptChooseView
    choose_results_view_class = ConceptChooseResultsView


class SkillConceptViewSet(SnippetViewSet):
    model = SkillConcept
    icon = "tag"
    menu_label = _("Skills")
    chooser_viewset_class = SkillConceptChooserViewSet
    list_display = ["name", "plain_label_fr", "concept_type", "reuse_level", "is_starter"]
    list_filter = ["is_starter", "concept_type", "reuse_level"]
    list_per_page = 50
    ordering = ["-is_starter", "name"]
    search_fields = SEARCHED_FIELDS
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = True

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("plain_label_fr"), FieldPanel("plain_sentence_fr")],
                        heading=_("In French"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("plain_label_en"), FieldPanel("plain_sentence_en")],
                        heading=_("In English"),
                    ),
                    FieldPanel("is_starter"),
                ],
                heading=_("What youths read"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel(f"label_{code}"), FieldPanel(f"alt_labels_{code}")],
                        heading=language,
                    )
                    for code, language in LABEL_LANGUAGES
                ],
                heading=_("Labels"),
            ),
            ObjectList(
                [
                    FieldPanel("groups"),
                    FieldPanel("concept_type"),
                    FieldPanel("reuse_level"),
                    FieldPanel("uri"),
                    FieldPanel("slug"),
                ],
                heading=_("Place in the taxonomy"),
            ),
        ],
        base_form_class=SkillConceptForm,
    )


class SkillProposalViewSet(SnippetViewSet):
    """Words youths typed that matched no skill: map each to a concept, or set it aside."""

    model = SkillProposal
    icon = "help"
    menu_label = _("Skill proposals")
    list_display = ["text", "language", "status", "concept", "created_at"]
    list_filter = ["status", "language"]
    list_per_page = 50
    search_fields = ["text"]
    search_backend_name = None
    copy_view_enabled = False
    panels = [
        FieldPanel("text", read_only=True),
        FieldPanel("language", read_only=True),
        FieldPanel("status"),
        FieldPanel("concept"),
    ]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (SkillConceptViewSet, SkillProposalViewSet)
    menu_icon = "tag"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def refresh_suggestions_after_taxonomy_edit(request: Any, instances: Any) -> None:
    """An editor changed labels: skill suggestions must read the new words."""
    changed = instances if isinstance(instances, list | tuple | QuerySet) else [instances]
    if any(isinstance(instance, SkillConcept) for instance in changed):
        transaction.on_commit(invalidate_index)
