"""Forms of the feed and of connections: they parse input; the actions decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Visibility

POST_VISIBILITY_CHOICES = [
    (Visibility.MENTORS, _("My mentors")),
    (Visibility.MEMBERS, _("My network")),
    (Visibility.RECRUITERS, _("My network, recruiters included")),
]


class PostForm(forms.Form):
    # No max_length here: the action refuses long posts with a message that gives the count.
    text = forms.CharField(
        label=_("What's new?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        strip=False,
        required=False,
    )
    image = forms.FileField(label=_("Photo (optional)"), required=False)
    image_description = forms.CharField(
        label=_("Describe the photo"),
        help_text=_("For people who cannot see it. Required with a photo."),
        required=False,
    )
    link = forms.CharField(label=_("Link (optional)"), required=False)
    visibility = forms.ChoiceField(
        label=_("Who sees it"), choices=POST_VISIBILITY_CHOICES, initial=Visibility.MEMBERS
    )
    organisation = forms.ModelChoiceField(
        label=_("Post as"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )

    def __init__(self, *args: object, organisations: list[Organisation] | None = None, **kwargs):  # noqa: ANN204
        super().__init__(*args, **kwargs)
        if organisations:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[organisation.pk for organisation in organisations]
            )
        else:
            del self.fields["organisation"]


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 2}))


class ConnectionRequestForm(forms.Form):
    message = forms.CharField(
        label=_("A word to introduce yourself (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
