"""Forms of discovery talks and appointments: they parse input; the actions decide."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skills.models import Occupation

from .models import MeetingMode, Slot


def occupations_with_pages() -> forms.models.QuerySet:
    """Jobs that have a published occupation page: the ones a talk can be listed on."""
    return Occupation.objects.filter(pages__live=True).distinct().order_by("uri")


class OccupationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Occupation) -> str:
        return obj.label()


class SlotForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Slot.Kind.choices)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), initial=45, min_value=1, max_value=1000
    )
    mode = forms.ChoiceField(label=_("How"), choices=MeetingMode.choices)
    where = forms.CharField(
        label=_("Address, phone number or video link"),
        help_text=_("Shown to the young person once you confirm."),
        required=False,
    )
    occupation = OccupationChoiceField(
        label=_("The job you talk about"),
        queryset=Occupation.objects.none(),
        required=False,
        empty_label=_("Another job (write it below)"),
    )
    topic = forms.CharField(label=_("What we will talk about"), required=False)

    def __init__(self, *args: object, appointments: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occupation"].queryset = occupations_with_pages()
        if not appointments:
            del self.fields["kind"]

    def starts_at(self) -> datetime.datetime:
        """The date and time typed, in the site's time zone."""
        moment = datetime.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        return timezone.make_aware(moment)


class BookingForm(forms.Form):
    message = forms.CharField(
        label=_("A word for the professional (optional)"),
        help_text=_("What you would like to know, for example."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class SlotFilterForm(forms.Form):
    occupation = OccupationChoiceField(
        label=_("Job"),
        queryset=Occupation.objects.none(),
        required=False,
        empty_label=_("All jobs"),
    )
    mode = forms.ChoiceField(
        label=_("How"), choices=[("", _("All ways"))] + MeetingMode.choices, required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occupation"].queryset = occupations_with_pages()
