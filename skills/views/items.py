"""Experiences and achievements: lists, forms (with skill suggestions), detail, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from network.models import Visibility

from .. import actions, selectors
from ..actions import PublicTextFlagged
from ..forms import (
    AchievementForm,
    EvidenceFileForm,
    EvidenceLinkForm,
    ExperienceForm,
    SkillsFormMixin,
)
from .common import (
    add_errors,
    confirm_delete,
    flags_context,
    language_code,
    viewer_of,
    youth_required,
)

# --- Experiences and achievements ----------------------------------------------------------


def _skills_form_context(form: SkillsFormMixin, *, current: list, suggest: bool) -> None:
    """Fill the skill check boxes: the item's (or ticked) skills, plus suggestions when the
    youth pressed "Suggest skills" (the page without JavaScript)."""
    suggested = (
        selectors.suggested_concepts(form.suggestion_text(), language=language_code())
        if suggest
        else []
    )
    form.set_skill_choices(current=current, suggested=suggested, language=language_code())


def _posted_concepts(form: SkillsFormMixin) -> list:
    found = selectors.concepts_by_uri(form.posted_uris())
    return [found[uri] for uri in form.posted_uris() if uri in found]


def _item_form_view(
    request: HttpRequest,
    *,
    kind: str,
    item_id: int | None,
) -> HttpResponse:
    """Create or edit an experience (``kind="experience"``) or an achievement."""
    youth = request.user
    profile = selectors.profile_of(youth)
    is_experience = kind == "experience"
    access_own = (
        selectors.access_own_experience if is_experience else selectors.access_own_achievement
    )
    item = access_own(youth, item_id) if item_id is not None else None
    form_kwargs: dict = {"profile_visibility": profile.visibility}
    if not is_experience:
        form_kwargs["youth"] = youth
    form_class = ExperienceForm if is_experience else AchievementForm
    context: dict = {"item": item, "kind": kind, "profile": profile}
    status = 200

    if request.method == "POST":
        form = form_class(request.POST, **form_kwargs)
        suggest = "suggest" in request.POST
        _skills_form_context(form, current=_posted_concepts(form), suggest=suggest)
        if suggest:
            context["suggested_count"] = len(form.suggested_uris)
        elif form.is_valid():
            try:
                with transaction.atomic():
                    locked = access_own(youth, item_id, lock=True) if item_id is not None else None
                    if is_experience:
                        saved = actions.check_save_experience(
                            youth,
                            experience=locked,
                            details=form.details(),
                            skills=form.skill_choice(),
                            keep_my_words=form.cleaned_data.get("keep_my_words", False),
                            language=language_code(),
                        )
                    else:
                        saved = actions.check_save_achievement(
                            youth,
                            achievement=locked,
                            details=form.details(),
                            skills=form.skill_choice(),
                            keep_my_words=form.cleaned_data.get("keep_my_words", False),
                            language=language_code(),
                        )
            except ValidationError as error:
                add_errors(form, error)
            except PublicTextFlagged as flagged:
                context.update(flags_context(flagged.flags, form))
            else:
                messages.success(request, _("Saved: “%(title)s”.") % {"title": saved.title})
                if is_experience:
                    return HttpResponseRedirect(reverse("skills:experience_list"))
                return HttpResponseRedirect(reverse("skills:achievement_detail", args=[saved.pk]))
            status = 400
        else:
            status = 400
    else:
        if item is not None:
            initial = form_class.initial_from(item)
            initial["visibility"] = Visibility.narrowest(item.visibility, profile.visibility)
            current = list(item.skills.all())
        else:
            initial = {"visibility": Visibility.narrowest(Visibility.MENTORS, profile.visibility)}
            current = []
            experience_id = request.GET.get("experience", "")
            if not is_experience and experience_id.isdigit():
                if selectors.list_experience_choices(youth).filter(pk=int(experience_id)).exists():
                    initial["experience"] = int(experience_id)
        form = form_class(initial=initial, **form_kwargs)
        _skills_form_context(form, current=current, suggest=False)
    context["form"] = form
    return render(request, f"skills/{kind}_form.html", context, status=status)


@youth_required
@require_GET
def experience_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "skills/experience_list.html",
        {
            "experiences": selectors.list_own_experiences(request.user),
            "profile": selectors.profile_of(request.user),
        },
    )


@youth_required
@require_http_methods(["GET", "POST"])
def experience_new(request: HttpRequest) -> HttpResponse:
    return _item_form_view(request, kind="experience", item_id=None)


@youth_required
@require_http_methods(["GET", "POST"])
def experience_edit(request: HttpRequest, experience_id: int) -> HttpResponse:
    return _item_form_view(request, kind="experience", item_id=experience_id)


@youth_required
@require_http_methods(["GET", "POST"])
def experience_delete(request: HttpRequest, experience_id: int) -> HttpResponse:
    experience = selectors.access_own_experience(request.user, experience_id)

    def delete() -> None:
        locked = selectors.access_own_experience(request.user, experience_id, lock=True)
        actions.do_delete_experience(request.user, experience=locked)

    return confirm_delete(
        request,
        title=_("Delete the experience “%(title)s”?") % {"title": experience.title},
        explanation=_("Its achievements stay on your profile, without this experience."),
        cancel_url=reverse("skills:experience_list"),
        delete=delete,
        done_message=_("The experience is deleted."),
        done_url=reverse("skills:experience_list"),
    )


@youth_required
@require_GET
def achievement_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "skills/achievement_list.html",
        {
            "achievements": selectors.list_own_achievements(request.user),
            "profile": selectors.profile_of(request.user),
        },
    )


@youth_required
@require_http_methods(["GET", "POST"])
def achievement_new(request: HttpRequest) -> HttpResponse:
    return _item_form_view(request, kind="achievement", item_id=None)


@youth_required
@require_http_methods(["GET", "POST"])
def achievement_edit(request: HttpRequest, achievement_id: int) -> HttpResponse:
    return _item_form_view(request, kind="achievement", item_id=achievement_id)


@youth_required
@require_http_methods(["GET", "POST"])
def achievement_delete(request: HttpRequest, achievement_id: int) -> HttpResponse:
    achievement = selectors.access_own_achievement(request.user, achievement_id)

    def delete() -> None:
        locked = selectors.access_own_achievement(request.user, achievement_id, lock=True)
        actions.do_delete_achievement(request.user, achievement=locked)

    return confirm_delete(
        request,
        title=_("Delete the achievement “%(title)s”?") % {"title": achievement.title},
        explanation=_("Its evidence (photos, documents, links) is deleted too."),
        cancel_url=reverse("skills:achievement_detail", args=[achievement.pk]),
        delete=delete,
        done_message=_("The achievement is deleted."),
        done_url=reverse("skills:achievement_list"),
    )


def render_achievement(
    request: HttpRequest, achievement: object, *, status: int = 200, **forms_and_flags: object
) -> HttpResponse:
    is_owner = request.user.is_authenticated and achievement.youth_id == request.user.pk
    context = {
        "achievement": achievement,
        "is_owner": is_owner,
        "file_form": forms_and_flags.pop("file_form", None) or EvidenceFileForm(),
        "link_form": forms_and_flags.pop("link_form", None) or EvidenceLinkForm(),
        "skills": [concept.label(language_code()) for concept in achievement.skills.all()],
    }
    context.update(forms_and_flags)
    return render(request, "skills/achievement_detail.html", context, status=status)


@require_GET
def achievement_detail(request: HttpRequest, achievement_id: int) -> HttpResponse:
    try:
        achievement = selectors.access_achievement(viewer_of(request), achievement_id)
    except Http404:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    return render_achievement(request, achievement)
