from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Recruiter search: an Elasticsearch backend and an embedded database backend."""

    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from . import signals

        signals.connect()
