"""Wagtail admin hooks for occupation pages, imported by ``SkillsConfig.ready()``.

Kept apart from ``skills/wagtail_hooks.py`` (the taxonomy admin): when an editor saves or
publishes an occupation page that has an ESCO occupation and no skill yet, the page gets the
skills ESCO relates to that occupation, ready to trim.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.models import Page

from .models import OccupationPage
from .occupation_actions import do_prefill_occupation_skills, skills_never_chosen_for_occupation


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def prefill_occupation_skills(request: HttpRequest, page: Page) -> None:
    if not isinstance(page.specific, OccupationPage):
        return
    # Autosave posts in the background and expects JSON: a revision added behind the open
    # editor's back would conflict with its next autosave. The explicit "Save draft" or
    # "Publish" (an HTML request that reloads the editor) pre-fills instead.
    if not request.accepts("text/html"):
        return
    if not skills_never_chosen_for_occupation(page.specific):
        return
    added = do_prefill_occupation_skills(page.specific, user=request.user)
    if added:
        messages.info(
            request,
            ngettext(
                "%(count)d skill was added from ESCO: check it and remove what does not fit.",
                "%(count)d skills were added from ESCO: check them and remove those that "
                "do not fit.",
                added,
            )
            % {"count": added},
        )
