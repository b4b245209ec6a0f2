"""Messaging pages. Every form works without JavaScript (POST, then redirect); the script
``messages.js`` asks for JSON instead and sends over the websocket when it is open."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from skills.views.common import file_response

from . import messaging as actions
from . import messaging_selectors as selectors
from .forms_messaging import MessageForm, StartConversationForm, new_client_id
from .models import Conversation, Role, User
from .ratelimit import RateLimited


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def _status_of(error: ValidationError) -> int:
    if isinstance(error, RateLimited):
        return 429
    if isinstance(error, actions.MessagingRefused):
        return 403
    return 400


@login_required
@require_GET
def conversation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/messages/list.html",
        {"conversations": selectors.conversations_for(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_start(request: HttpRequest) -> HttpResponse:
    """Choose people among those one may write to; one person opens the pair's conversation."""
    candidates = selectors.message_candidates(request.user)
    refusal = ""
    status = 200
    if request.method == "POST":
        form = StartConversationForm(request.POST, candidates=candidates)
        if form.is_valid():
            try:
                with transaction.atomic():
                    conversation = actions.check_start_conversation(
                        request.user,
                        recipients=list(form.cleaned_data["recipients"]),
                        title=form.cleaned_data.get("title", ""),
                    )
            except ValidationError as error:
                refusal = " ".join(_messages_of(error))
                status = _status_of(error)
            else:
                return HttpResponseRedirect(reverse("network:conversation", args=[conversation.pk]))
        else:
            status = 400
    else:
        initial: dict = {}
        to_id = _int(request.GET.get("to"))
        if to_id is not None:
            if candidates.filter(pk=to_id).exists():
                initial["recipients"] = [to_id]
            else:
                recipient = User.objects.filter(pk=to_id, is_active=True).first()
                if recipient is not None:
                    refusal = actions.message_refusal(request.user, recipient) or ""
                    existing = Conversation.objects.filter(
                        direct_key=actions.direct_key(request.user, recipient)
                    ).first()
                    if existing is not None and not actions.is_blocked_between(
                        request.user, recipient
                    ):
                        # Opened before from an accepted contact request: go on there.
                        return HttpResponseRedirect(
                            reverse("network:conversation", args=[existing.pk])
                        )
        form = StartConversationForm(initial=initial, candidates=candidates)
    return render(
        request,
        "network/messages/start.html",
        {"form": form, "refusal": refusal, "has_candidates": candidates.exists()},
        status=status,
    )


def _conversation_context(
    request: HttpRequest,
    conversation: Conversation,
    *,
    before: int | None = None,
    form: MessageForm | None = None,
) -> dict:
    user = request.user
    participants = list(selectors.participants_of(conversation))
    others = [p for p in participants if p.user_id != user.pk]
    page = selectors.messages_page(user, conversation, before=before)
    for_recruiter = user.role == Role.RECRUITER
    for message in page.messages:
        message.shown_sender = selectors.shown_name(message.sender, for_recruiter=for_recruiter)
        message.is_mine = message.sender_id == user.pk
    readers = {str(p.user_id): p.last_read_message_id for p in others}
    seen_up_to = min(readers.values()) if readers else 0
    mine = [m.pk for m in page.messages if m.is_mine and m.pk <= seen_up_to]
    return {
        "conversation": conversation,
        "title": selectors.conversation_title(user, conversation, others),
        "others": others,
        "page": page,
        "before": before,
        "oldest_id": page.messages[0].pk if page.messages else None,
        "seen_message_id": max(mine) if mine else None,
        "readers": readers,
        "form": form or MessageForm(initial={"client_id": new_client_id()}),
        "for_recruiter": for_recruiter,
    }


@login_required
@require_GET
def conversation_detail(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = selectors.access_conversation(request.user, conversation_id)
    before = _int(request.GET.get("before"))
    if before is None and conversation.last_message_id:
        # Opening the conversation is reading it (the page without JavaScript has no other
        # way to say so); the other side sees "Seen".
        with transaction.atomic():
            actions.check_mark_read(
                request.user,
                conversation_id=conversation.pk,
                up_to_message_id=conversation.last_message_id,
            )
    return render(
        request,
        "network/messages/conversation.html",
        _conversation_context(request, conversation, before=before),
    )


@login_required
@require_POST
def message_send(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = selectors.access_conversation(request.user, conversation_id)
    form = MessageForm(request.POST, request.FILES)
    form.is_valid()  # every field is optional: the action checks the content
    data = form.cleaned_data
    try:
        with transaction.atomic():
            message, _created = actions.check_send_message(
                request.user,
                conversation_id=conversation.pk,
                client_id=request.POST.get("client_id", ""),
                text=data.get("text") or "",
                attachment=data.get("attachment") or None,
            )
    except ValidationError as error:
        status = _status_of(error)
        if _wants_json(request):
            return JsonResponse(
                {"error": " ".join(_messages_of(error)), "code": _code_of(status)}, status=status
            )
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return render(
            request,
            "network/messages/conversation.html",
            _conversation_context(request, conversation, form=form),
            status=status,
        )
    if _wants_json(request):
        return JsonResponse({"message": actions.message_json(message)})
    return HttpResponseRedirect(
        reverse("network:conversation", args=[conversation.pk]) + "#message-form"
    )


def _code_of(status: int) -> str:
    return {429: "rate_limited", 403: "refused"}.get(status, "invalid")


@login_required
@require_POST
def conversation_read(request: HttpRequest, conversation_id: int) -> HttpResponse:
    conversation = selectors.access_conversation(request.user, conversation_id)
    up_to = _int(request.POST.get("up_to"))
    if up_to is None:
        up_to = conversation.last_message_id
    with transaction.atomic():
        last_read = actions.check_mark_read(
            request.user, conversation_id=conversation.pk, up_to_message_id=up_to
        )
    if _wants_json(request):
        return JsonResponse(
            {"last_read_message_id": last_read, "unread_count": actions.unread_total(request.user)}
        )
    return HttpResponseRedirect(reverse("network:conversation", args=[conversation.pk]))


@login_required
@require_GET
def messages_since(request: HttpRequest) -> JsonResponse:
    """What a reconnecting tab missed: messages newer than ``after`` in all conversations."""
    after = _int(request.GET.get("after"))
    if after is None or after < 0:
        return JsonResponse(
            {"error": _("The 'after' parameter must be a message number.")}, status=400
        )
    found = selectors.messages_since(request.user, after=after)
    for_recruiter = request.user.role == Role.RECRUITER
    return JsonResponse(
        {
            "messages": [actions.message_json(m, for_recruiter=for_recruiter) for m in found],
            "has_more": len(found) >= selectors.SINCE_LIMIT,
            "unread_count": actions.unread_total(request.user),
        }
    )


@login_required
@require_GET
def message_attachment(request: HttpRequest, message_id: int) -> HttpResponse:
    message = selectors.access_message_attachment(request.user, message_id)
    return file_response(
        message.attachment,
        content_type=message.attachment_type or "application/octet-stream",
        filename=message.attachment_name or f"piece-jointe-{message.pk}",
        inline=message.attachment_type.startswith("image/"),
    )
