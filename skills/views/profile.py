"""The profile page, its previews and settings, and the skill levels."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network.privacy import PREVIEW_AUDIENCES

from .. import actions, selectors
from ..actions import PublicTextFlagged
from ..forms import (
    ProfileSettingsForm,
    SkillLevelForm,
)
from ..models import SkillLevel
from .common import (
    add_errors,
    flags_context,
    language_code,
    viewer_of,
    youth_required,
)

# --- Profile -------------------------------------------------------------------------------


@youth_required
@require_GET
def my_profile(request: HttpRequest) -> HttpResponse:
    page = selectors.profile_page(request.user, request.user.pk)
    return render(request, "skills/profile.html", {"page": page, "preview": None})


@require_GET
def profile(request: HttpRequest, user_id: int) -> HttpResponse:
    try:
        page = selectors.profile_page(viewer_of(request), user_id)
    except Http404:
        if not request.user.is_authenticated:
            # Logging in may make it visible; the answer is the same whether it exists or not.
            return redirect_to_login(request.get_full_path())
        raise
    return render(request, "skills/profile.html", {"page": page, "preview": None})


@youth_required
@require_GET
def profile_preview(request: HttpRequest, audience: str) -> HttpResponse:
    preview_as = PREVIEW_AUDIENCES.get(audience)
    if preview_as is None:
        raise Http404
    page = selectors.profile_page(request.user, request.user.pk, preview_as=preview_as)
    return render(request, "skills/profile.html", {"page": page, "preview": audience})


@youth_required
@require_http_methods(["GET", "POST"])
def profile_settings(request: HttpRequest) -> HttpResponse:
    youth = request.user
    profile = selectors.profile_of(youth)
    context: dict = {}
    if request.method == "POST":
        form = ProfileSettingsForm(request.POST, is_minor=youth.is_minor)
        if form.is_valid():
            try:
                actions.check_update_profile_settings(
                    youth,
                    settings=form.settings(),
                    keep_my_words=form.cleaned_data.get("keep_my_words", False),
                )
            except ValidationError as error:
                add_errors(form, error)
            except PublicTextFlagged as flagged:
                context.update(flags_context(flagged.flags, form))
            else:
                messages.success(request, _("Your profile settings are saved."))
                return HttpResponseRedirect(reverse("skills:my_profile"))
        status = 400
    else:
        form = ProfileSettingsForm(
            initial=ProfileSettingsForm.initial_from(profile), is_minor=youth.is_minor
        )
        status = 200
    context.update({"form": form, "profile": profile, "is_minor": youth.is_minor})
    return render(request, "skills/profile_settings.html", context, status=status)


@youth_required
@require_GET
def my_skills(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "skills/my_skills.html",
        {
            "profile_skills": selectors.list_own_profile_skills(request.user),
            "proposals": selectors.list_waiting_proposals(request.user),
            "level_choices": SkillLevel.choices,
        },
    )


@youth_required
@require_POST
def skill_level(request: HttpRequest, profile_skill_id: int) -> HttpResponse:
    profile_skill = selectors.access_own_profile_skill(request.user, profile_skill_id)
    form = SkillLevelForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            locked = selectors.access_own_profile_skill(request.user, profile_skill_id, lock=True)
            actions.check_set_skill_level(
                request.user, profile_skill=locked, level=form.cleaned_data["level"]
            )
        messages.success(
            request,
            _("Level saved for “%(skill)s”.")
            % {"skill": profile_skill.concept.label(language_code())},
        )
        return HttpResponseRedirect(reverse("skills:my_skills") + f"#skill-{profile_skill.pk}")
    return render(
        request,
        "skills/my_skills.html",
        {
            "profile_skills": selectors.list_own_profile_skills(request.user),
            "proposals": selectors.list_waiting_proposals(request.user),
            "level_choices": SkillLevel.choices,
            "level_error_for": profile_skill.pk,
        },
        status=400,
    )


@youth_required
@require_http_methods(["GET", "POST"])
def skill_remove(request: HttpRequest, profile_skill_id: int) -> HttpResponse:
    profile_skill = selectors.access_own_profile_skill(request.user, profile_skill_id)
    label = profile_skill.concept.label(language_code())
    if request.method == "POST":
        with transaction.atomic():
            profile_skill = selectors.access_own_profile_skill(
                request.user, profile_skill_id, lock=True
            )
            actions.do_remove_profile_skill(request.user, profile_skill=profile_skill)
        messages.success(request, _("“%(skill)s” is no longer on your profile.") % {"skill": label})
        return HttpResponseRedirect(reverse("skills:my_skills"))
    return render(
        request,
        "skills/confirm_delete.html",
        {
            "title": _("Remove “%(skill)s” from my profile?") % {"skill": label},
            "explanation": _(
                "It is also removed from the experiences and achievements that show it."
            ),
            "cancel_url": reverse("skills:my_skills"),
        },
    )
