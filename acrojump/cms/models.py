"""The editorial site (Wagtail): home page, guides for young people, news."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index

BODY_BLOCKS = [
    ("heading", blocks.CharBlock(form_classname="title", label=_("Heading"))),
    ("paragraph", blocks.RichTextBlock(label=_("Paragraph"))),
    ("image", ImageBlock(label=_("Image"))),
    (
        "tip",
        blocks.StructBlock(
            [("title", blocks.CharBlock(label=_("Title"))), ("text", blocks.TextBlock())],
            label=_("Tip"),
            icon="help",
        ),
    ),
]


class HomePage(Page):
    """The front page: what AcroJump is, in plain words, and the latest guides."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.GuideIndexPage", "skills.OccupationIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context(request, *args, **kwargs)
        context["latest_guides"] = (
            GuidePage.objects.live().public().order_by("-first_published_at")[:3]
        )
        return context


class GuideIndexPage(Page):
    """Lists the guides (how to present yourself online, digital identity, ...)."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuidePage"]

    class Meta:
        verbose_name = _("guide list")

    def get_context(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = (
            GuidePage.objects.child_of(self).live().public().order_by("-first_published_at")
        )
        return context


class GuidePage(Page):
    """An article for young people, written in plain words."""

    summary = models.CharField(
        _("summary"), max_length=240, help_text=_("One sentence shown in lists.")
    )
    reading_minutes = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=3)
    body = StreamField(BODY_BLOCKS, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("reading_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms.GuideIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("guide")
