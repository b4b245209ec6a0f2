"""Forms of workshops and job datings: local date and times, turned into aware datetimes."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from .models import JobDatingMeeting, MeetingMode


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class _WindowForm(forms.Form):
    """A day with a start and an end time, in the site's time zone."""

    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}))

    def window(self) -> tuple[datetime.datetime, datetime.datetime]:
        data = self.cleaned_data
        return _aware(data["day"], data["start_time"]), _aware(data["day"], data["end_time"])


class WorkshopForm(_WindowForm):
    title = forms.CharField(label=_("Title"), max_length=140)
    description = forms.CharField(
        label=_("What we will do"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    place = forms.CharField(label=_("Place"), max_length=300)
    capacity = forms.IntegerField(label=_("Number of places"), min_value=1, max_value=500)

    field_order = ["title", "description", "day", "start_time", "end_time", "place", "capacity"]


class JobDatingForm(_WindowForm):
    title = forms.CharField(label=_("Title"), max_length=140)
    description = forms.CharField(
        label=_("Description"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mode = forms.ChoiceField(
        label=_("Where"),
        choices=[
            (MeetingMode.IN_PERSON, _("On site")),
            (MeetingMode.VIDEO, _("Online (video)")),
        ],
        widget=forms.RadioSelect,
        initial=MeetingMode.IN_PERSON,
    )
    place = forms.CharField(label=_("Address (on site)"), max_length=300, required=False)
    video_link = forms.URLField(
        label=_("Video link (online)"), max_length=500, required=False, assume_scheme="https"
    )
    meeting_minutes = forms.IntegerField(
        label=_("Minutes per meeting"), min_value=5, max_value=60, initial=15
    )

    field_order = [
        "title",
        "description",
        "day",
        "start_time",
        "end_time",
        "mode",
        "place",
        "video_link",
        "meeting_minutes",
    ]


class InviteRecruiterForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the recruiter's AcroJump account"))


class PreselectForm(forms.Form):
    youth = forms.TypedChoiceField(label=_("Young person you follow"), coerce=int)

    def __init__(self, *args, youths: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["youth"].choices = [(youth.pk, youth.display_name) for youth in youths]


class SeatForm(forms.Form):
    opportunity = forms.TypedChoiceField(
        label=_("Opportunity you recruit for"), coerce=int, required=False, empty_value=None
    )
    table = forms.CharField(label=_("Table or room"), max_length=60, required=False)

    def __init__(self, *args, opportunities: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].choices = [("", _("None"))] + [
            (opportunity.pk, opportunity.title) for opportunity in opportunities
        ]


class MoveMeetingForm(forms.Form):
    starts_at = forms.CharField(label=_("New time"))

    def __init__(self, *args, starts: list[datetime.datetime], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.starts = starts

    def clean_starts_at(self) -> datetime.datetime:
        try:
            value = parse_datetime(self.cleaned_data["starts_at"])
        except ValueError:
            value = None
        # Aware datetimes compare as instants, whatever offset the page wrote them with.
        if value is None or timezone.is_naive(value) or value not in self.starts:
            raise forms.ValidationError(_("Choose one of the times of the schedule."))
        return value


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=JobDatingMeeting.Outcome.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(label=_("Notes"), max_length=500, required=False)
