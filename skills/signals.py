"""Signals of the skills app for apps it must not import (recruiter search listens).

``skills_added`` is sent after skills were put on a profile in bulk (``bulk_create`` sends no
``post_save``), with ``youth_id``.
"""

from django.dispatch import Signal

skills_added = Signal()
