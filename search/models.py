"""What recruiter search stores in the database.

``ProfileDocument`` is one discoverable profile as recruiters may see it, built by
``search/documents.py`` with the youth's choices already applied (an anonymous profile has
no name, no town and only its département's centre as a place). It is the embedded
backend's index (full text through Wagtail's database search backend, filters and facets
through the ORM) and the source the Elasticsearch index is fed from.
"""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .analysis import index_text


class ProfileDocument(index.Indexed, models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    anonymous = models.BooleanField(default=True)
    display_name = models.CharField(max_length=150, blank=True)
    town = models.CharField(max_length=120, blank=True)
    departement_code = models.CharField(max_length=3, blank=True, db_index=True)
    departement_name = models.CharField(max_length=80, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    mobility_km = models.PositiveSmallIntegerField(null=True, blank=True)
    headline = models.CharField(max_length=140, blank=True)
    goals = models.TextField(blank=True)
    achievements_text = models.TextField(blank=True)
    experiences_text = models.TextField(blank=True)
    #: Every label of the profile's skills and of their broader concepts, preferred and
    #: alternative, in every language: the taxonomy's synonyms, expanded at indexing time.
    skills_text = models.TextField(blank=True)
    available_from = models.DateField(null=True, blank=True)
    driving_licence = models.BooleanField(default=False)
    validated = models.BooleanField(default=False)
    validated_by = models.CharField(max_length=200, blank=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    endorsed = models.BooleanField(default=False)
    endorsement_count = models.PositiveIntegerField(default=0)
    endorsement_weight = models.FloatField(default=0)
    evidence_count = models.PositiveIntegerField(default=0)
    last_activity = models.DateTimeField()
    #: When the profile entered search (kept across updates): saved-search alerts use it.
    listed_at = models.DateTimeField()
    #: When the document last changed: saved-search alerts look at profiles changed since
    #: their last check (a new profile, or one that gained the wanted skill).
    changed_at = models.DateTimeField(db_index=True)
    #: A digest of what searches look at: ``changed_at`` moves only when it changes.
    fingerprint = models.CharField(max_length=64, blank=True)
    #: Skills, endorsements and achievements as the result card shows them.
    card = models.JSONField(default=dict)

    search_fields = [
        index.SearchField("stemmed_headline", boost=2),
        index.SearchField("stemmed_skills", boost=1.5),
        index.SearchField("stemmed_achievements", boost=1.5),
        index.SearchField("stemmed_rest"),
    ]
    search_auto_update = False  # search/indexing.py writes in bulk and indexes explicitly

    class Meta:
        verbose_name = _("profile in search")
        verbose_name_plural = _("profiles in search")
        indexes = [
            models.Index(fields=["latitude", "longitude"]),
            models.Index(fields=["available_from"]),
            models.Index(fields=["last_activity"]),
        ]

    def __str__(self) -> str:
        return self.display_name or f"#{self.pk}"

    # The full-text engine gets the words' folded French and English stems, and queries are
    # stemmed the same way (search/analysis.py): both backends compare words alike. Wagtail
    # reads each search field several times per row (title, body, plain-text copies), so the
    # stems are computed once per instance.
    @cached_property
    def _stemmed(self) -> dict[str, str]:
        return {
            "headline": index_text(self.headline),
            "skills": index_text(self.skills_text),
            "achievements": index_text(self.achievements_text),
            "rest": index_text(f"{self.goals}\n{self.experiences_text}"),
        }

    def stemmed_headline(self) -> str:
        return self._stemmed["headline"]

    def stemmed_skills(self) -> str:
        return self._stemmed["skills"]

    def stemmed_achievements(self) -> str:
        return self._stemmed["achievements"]

    def stemmed_rest(self) -> str:
        return self._stemmed["rest"]


class DocumentSkill(models.Model):
    """One concept of a profile's skill tree: a skill the youth has (``direct``) or one of its
    broader concepts, with the best level and whether any skill under it is endorsed."""

    document = models.ForeignKey(ProfileDocument, on_delete=models.CASCADE, related_name="skills")
    uri = models.CharField(max_length=255)
    level = models.PositiveSmallIntegerField(default=1)
    endorsed = models.BooleanField(default=False)
    direct = models.BooleanField(default=False)
    #: A top skill group of the taxonomy (the "skill groups" facet).
    top_group = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["uri", "level"]),
            models.Index(fields=["document"]),
        ]

    def __str__(self) -> str:
        return f"{self.uri} ({self.level})"


class DocumentLanguage(models.Model):
    document = models.ForeignKey(
        ProfileDocument, on_delete=models.CASCADE, related_name="languages"
    )
    code = models.CharField(max_length=8)

    class Meta:
        indexes = [models.Index(fields=["code", "document"])]

    def __str__(self) -> str:
        return self.code


class PendingIndexWrite(models.Model):
    """A profile whose Elasticsearch copy could not be written: retried until it is."""

    user_id = models.IntegerField(unique=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"profile {self.user_id}"


class SavedSearch(models.Model):
    """A recruiter's search, kept to be run again and to alert them of new profiles."""

    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    #: The query string of the search page (the filters), parsed by search/query.py.
    params = models.CharField(max_length=2000)
    alerts = models.BooleanField(_("alert me of new profiles"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: Profiles listed up to this moment were already counted in an alert.
    checked_at = models.DateTimeField()
    last_email_at = models.DateTimeField(null=True, blank=True)
    #: New profiles found since the last e-mail (an e-mail goes at most once a day).
    unsent_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class SavedSearchHit(models.Model):
    """A profile a saved search already alerted its recruiter about (never twice)."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="hits")
    user_id = models.IntegerField()
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "user_id"], name="saved_search_hit")
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id}: {self.user_id}"
