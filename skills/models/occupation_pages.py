"""Occupation pages ("métiers") edited in Wagtail, with the skills each occupation needs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .taxonomy import Occupation, OccupationSkill, SkillConcept


class OccupationIndexPage(Page):
    """Lists the occupation pages."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["skills.OccupationPage"]

    class Meta:
        verbose_name = _("occupation list")

    def get_context(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        from skills.occupation_selectors import list_occupation_pages

        context = super().get_context(request, *args, **kwargs)
        context["occupations"] = list_occupation_pages(self)
        return context


class OccupationPage(Page):
    """What a job is, day to day, and the skills it takes."""

    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pages",
        verbose_name=_("ESCO occupation"),
        help_text=_(
            "Pre-fills the skills from ESCO when the occupation-skill relations are imported."
        ),
    )
    summary = models.CharField(_("summary"), max_length=240)
    day_to_day = RichTextField(_("day to day"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("occupation"),
        FieldPanel("day_to_day"),
        InlinePanel("page_skills", label=_("Skills")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("day_to_day"),
    ]
    parent_page_types = ["skills.OccupationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("occupation page")

    def get_context(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Imported here: the selectors import these models.
        from skills.occupation_selectors import occupation_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(occupation_page_context(self, request.user))
        from network.talks_selectors import occupation_talk_hosts

        context["talk_hosts"] = occupation_talk_hosts(request.user, self.occupation_id)
        return context


class OccupationPageSkill(Orderable):
    page = ParentalKey(OccupationPage, on_delete=models.CASCADE, related_name="page_skills")
    skill = models.ForeignKey(
        SkillConcept, on_delete=models.CASCADE, related_name="+", verbose_name=_("skill")
    )
    relation = models.CharField(
        _("how much it is needed"),
        max_length=10,
        choices=OccupationSkill.Relation.choices,
        default=OccupationSkill.Relation.ESSENTIAL,
    )

    panels = [FieldPanel("skill"), FieldPanel("relation")]

    class Meta(Orderable.Meta):
        verbose_name = _("skill of the occupation")
        constraints = [
            models.UniqueConstraint(fields=["page", "skill"], name="occupation_page_skill_unique")
        ]
