from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    """The skills taxonomy (ESCO) and the skills-first portfolio."""

    name = "skills"
    verbose_name = _("Skills")

    def ready(self) -> None:
        # Occupation-page admin hooks live outside wagtail_hooks.py (the taxonomy admin's
        # module); importing them registers them.
        from . import wagtail_hooks_occupations  # noqa: F401
