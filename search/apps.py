from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Recruiter search: an Elasticsearch backend and an embedded database backend."""

    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from network import notification_kinds

        from . import notification_kinds_search, signals

        signals.connect()
        notification_kinds.TEXTS.update(notification_kinds_search.TEXTS)
