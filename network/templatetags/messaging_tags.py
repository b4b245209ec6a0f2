"""``{% unread_messages_count %}``: the unread messages counter of the header."""

from __future__ import annotations

from django import template

from network.messaging_selectors import unread_total

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_messages_count(context: template.Context) -> int:
    user = getattr(context.get("request"), "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return unread_total(user)
