"""Forms of messaging pages. They parse and render; the rules live in ``network.messaging``."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import User


def new_client_id() -> str:
    """Made by the server for the form without JavaScript; the script makes its own."""
    return uuid.uuid4().hex


class MessageForm(forms.Form):
    # Length and emptiness are checked by the action, with the messages people read.
    text = forms.CharField(
        label=pgettext_lazy("a youth writes", "Your message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 4000}),
    )
    attachment = forms.FileField(
        label=_("Add a photo or a PDF (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.pdf"}),
    )
    client_id = forms.CharField(widget=forms.HiddenInput, required=False)


class RecipientChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class StartConversationForm(forms.Form):
    recipients = RecipientChoiceField(
        label=_("Who do you want to write to?"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose who you want to write to.")},
    )
    title = forms.CharField(
        label=_("Group name (only for a group, optional)"), required=False, max_length=80
    )

    def __init__(self, *args: object, candidates: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = candidates
