from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    """The skills taxonomy (ESCO) and the skills-first portfolio."""

    name = "skills"
    verbose_name = _("Skills")
