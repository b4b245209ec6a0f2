from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        # Registers the network's sections of the personal-data export (skills.export).
        from . import (
            export_sections,  # noqa: F401
            export_sections_gatherings,  # noqa: F401
            export_sections_opportunities,  # noqa: F401
            export_sections_talks,  # noqa: F401
        )
