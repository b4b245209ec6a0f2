"""Forms of contact requests, reports and moderation. They only parse input: the rules
(who may, how long, duplicates) live in the actions, which answer with a message."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .contact import MESSAGE_MAX_LENGTH, NOTE_MAX_LENGTH, SUBJECT_MAX_LENGTH
from .models import ModerationAction, Report
from .moderation import DETAILS_MAX_LENGTH
from .moderation import NOTE_MAX_LENGTH as MODERATION_NOTE_MAX_LENGTH


class ContactRequestForm(forms.Form):
    subject = forms.CharField(
        label=_("About (optional)"),
        help_text=_("For example the job or apprenticeship you offer."),
        max_length=SUBJECT_MAX_LENGTH,
        required=False,
    )
    message = forms.CharField(
        label=_("Your message"),
        help_text=_("Say who you are, what you offer and why you would like to talk."),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write a message.")},
    )


class ReviewForm(forms.Form):
    answer = forms.ChoiceField(choices=[("approve", _("Approve")), ("refuse", _("Refuse"))])
    note = forms.CharField(max_length=NOTE_MAX_LENGTH, required=False)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you report it?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a reason.")},
    )
    details = forms.CharField(
        label=_("What happened? (optional)"),
        help_text=_("Only the AcroJump team reads this."),
        max_length=DETAILS_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ModerationForm(forms.Form):
    kind = forms.ChoiceField(choices=ModerationAction.Kind.choices)
    note = forms.CharField(max_length=MODERATION_NOTE_MAX_LENGTH, required=False)
