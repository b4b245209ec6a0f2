"""Thin views of the feed: the page, live fragments, posts, comments, bravos, post photos.

Every form works without JavaScript (POST, then redirect); with htmx, the bravo and comment
forms swap the one activity instead of reloading the page.
"""

from __future__ import annotations

import mimetypes

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from skills.views.common import file_response

from . import feed as actions
from . import feed_selectors as selectors
from .forms_feed import CommentForm, PostForm
from .models import Organisation
from .ratelimit import RateLimited


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _organisations(request: HttpRequest) -> list[Organisation]:
    return list(Organisation.objects.filter(memberships__user=request.user).order_by("name"))


def _activity_url(activity_id: int) -> str:
    return reverse("network:feed") + f"#activity-{activity_id}"


def _render_feed(
    request: HttpRequest, *, form: PostForm | None = None, error: str = "", status: int = 200
) -> HttpResponse:
    before = _int(request.GET.get("before"))
    activities = selectors.feed_for(request.user, before=before)
    older = activities[-1].pk if len(activities) == selectors.PAGE_SIZE else None
    return render(
        request,
        "network/feed/feed.html",
        {
            "activities": activities,
            "form": form or PostForm(organisations=_organisations(request)),
            "error": error,
            "before": before,
            "older": older,
            "comment_form": CommentForm(),
            "live_page_size": selectors.MAX_PAGE_SIZE,
        },
        status=status,
    )


@login_required
@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    """The feed; with ``?after=<id>``, only the HTML of newer activities, for the live update."""
    after = _int(request.GET.get("after"))
    if "after" in request.GET:
        activities = selectors.feed_for(
            request.user, after=after or 0, limit=selectors.MAX_PAGE_SIZE
        )
        return render(
            request,
            "network/feed/_items.html",
            {"activities": activities, "comment_form": CommentForm()},
        )
    return _render_feed(request)


@login_required
@require_POST
def create_post(request: HttpRequest) -> HttpResponse:
    organisations = _organisations(request)
    form = PostForm(request.POST, request.FILES, organisations=organisations)
    if not form.is_valid():
        return _render_feed(request, form=form, status=400)
    data = form.cleaned_data
    try:
        activity = actions.check_create_post(
            request.user,
            text=data["text"],
            image=data.get("image"),
            image_description=data.get("image_description", ""),
            link=data.get("link", ""),
            organisation=data.get("organisation"),
            visibility=data["visibility"],
        )
    except RateLimited as limited:
        return _render_feed(request, form=form, error=limited.messages[0], status=429)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return _render_feed(request, form=form, status=400)
    return HttpResponseRedirect(_activity_url(activity.pk))


@login_required
@require_GET
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = selectors.access_activity(request.user, activity_id)
    return render(
        request,
        "network/feed/activity.html",
        {"activity": activity, "comment_form": CommentForm()},
    )


def _after_reaction(request: HttpRequest, activity_id: int) -> HttpResponse:
    """htmx swaps the activity in place; without JavaScript, back to it (feed or its page)."""
    detail = request.POST.get("next", "") == "detail"
    if request.htmx:
        activity = selectors.access_activity(request.user, activity_id)
        if not detail:
            activity.shown_comments = activity.visible_comments[-selectors.RECENT_COMMENTS :]
        return render(
            request,
            "network/feed/_activity.html",
            {
                "activity": activity,
                "comment_form": CommentForm(),
                "detail": detail,
                "level": 2 if detail else 3,
            },
        )
    if detail:
        return HttpResponseRedirect(reverse("network:activity", args=[activity_id]))
    return HttpResponseRedirect(_activity_url(activity_id))


@login_required
@require_POST
def bravo(request: HttpRequest, activity_id: int) -> HttpResponse:
    actions.check_toggle_bravo(
        request.user, activity_id=activity_id, bravo=request.POST.get("bravo") != "0"
    )
    return _after_reaction(request, activity_id)


@login_required
@require_POST
def comment(request: HttpRequest, activity_id: int) -> HttpResponse:
    form = CommentForm(request.POST)
    activity = selectors.access_activity(request.user, activity_id)
    status = 400
    if form.is_valid():
        try:
            actions.check_add_comment(
                request.user, activity_id=activity_id, text=form.cleaned_data["text"]
            )
        except RateLimited as limited:
            form.add_error("text", limited.messages[0])
            status = 429
        except ValidationError as error:
            for messages in error.message_dict.values():
                form.add_error("text", messages)
        else:
            return _after_reaction(request, activity_id)
    return render(
        request,
        "network/feed/activity.html",
        {"activity": activity, "comment_form": form},
        status=status,
    )


@login_required
@require_POST
def delete_post(request: HttpRequest, activity_id: int) -> HttpResponse:
    actions.check_delete_post(request.user, activity_id=activity_id)
    return HttpResponseRedirect(reverse("network:feed"))


@login_required
@require_POST
def delete_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    activity_id = _int(request.POST.get("activity"))
    actions.check_delete_comment(request.user, comment_id=comment_id)
    if activity_id is not None:
        return HttpResponseRedirect(reverse("network:activity", args=[activity_id]))
    return HttpResponseRedirect(reverse("network:feed"))


@login_required
@require_GET
def post_image(request: HttpRequest, activity_id: int) -> HttpResponse:
    """A post's photo, only for people who may see the post (private storage)."""
    activity = selectors.access_activity(request.user, activity_id)
    if activity.post is None or not activity.post.image:
        raise Http404
    name = activity.post.image.name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return file_response(
        activity.post.image,
        content_type=content_type,
        filename=name.rsplit("/", 1)[-1],
        inline=True,
    )
