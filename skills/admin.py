"""Django admin for the taxonomy; editors normally work in Wagtail (/cms/, see wagtail_hooks.py)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Occupation, OccupationSkill, SkillConcept, SkillProposal


@admin.register(SkillConcept)
class SkillConceptAdmin(admin.ModelAdmin):
    list_display = ["name", "plain_label_fr", "concept_type", "reuse_level", "is_starter", "uri"]
    list_filter = ["is_starter", "concept_type", "reuse_level"]
    search_fields = ["name", "plain_label_fr", "plain_label_en", "uri", "slug"]
    ordering = ["-is_starter", "name"]
    list_per_page = 50
    # 13,500 concepts: an autocomplete, not a select of every one.
    autocomplete_fields = ["broader"]
    fieldsets = [
        (
            _("What youths read"),
            {
                "fields": [
                    "plain_label_fr",
                    "plain_sentence_fr",
                    "plain_label_en",
                    "plain_sentence_en",
                    "is_starter",
                ]
            },
        ),
        (
            _("ESCO"),
            {
                "fields": [
                    "name",
                    "preferred_labels",
                    "alt_labels",
                    "descriptions",
                    "concept_type",
                    "reuse_level",
                    "broader",
                ]
            },
        ),
        (_("Identity"), {"fields": ["uri", "slug"]}),
    ]


@admin.register(SkillProposal)
class SkillProposalAdmin(admin.ModelAdmin):
    list_display = ["text", "language", "status", "concept", "proposed_by", "created_at"]
    list_filter = ["status", "language"]
    search_fields = ["text", "concept__name", "concept__plain_label_fr"]
    autocomplete_fields = ["concept"]
    raw_id_fields = ["proposed_by"]
    readonly_fields = ["created_at"]


class OccupationSkillInline(admin.TabularInline):
    model = OccupationSkill
    extra = 0
    autocomplete_fields = ["skill"]


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "isco_group", "uri"]
    search_fields = ["uri", "isco_group"]
    inlines = [OccupationSkillInline]
