"""Sign-up forms, one per role: each asks only what that role needs."""

from __future__ import annotations

import datetime

from allauth.account.forms import SignupForm
from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .actions import AccountDetails
from .models import Organisation, Role

YOUTH_MIN_AGE = 16
YOUTH_MAX_AGE = 30


class RoleSignupForm(SignupForm):
    role: str = Role.YOUTH

    def account_details(self) -> AccountDetails:
        """What this role's form collected; each role adds its own fields."""
        return AccountDetails(role=self.role, language=self._language())

    def _language(self) -> str:
        return translation.get_language() or "fr"


class YouthSignupForm(RoleSignupForm):
    role = Role.YOUTH
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput({"autocomplete": "given-name"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput({"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
        help_text=_("If you are under 18, recruiters never see your name."),
    )
    town = forms.CharField(
        label=_("Town"),
        max_length=120,
        widget=forms.TextInput({"autocomplete": "address-level2"}),
        help_text=_("For example: Roubaix"),
    )

    field_order = ["first_name", "email", "date_of_birth", "town", "password1"]

    def clean_date_of_birth(self) -> datetime.date:
        born: datetime.date = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born >= today:
            raise forms.ValidationError(_("This date is in the future. Check the year."))
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if age < YOUTH_MIN_AGE:
            raise forms.ValidationError(
                _("AcroJump is for people aged %(age)s and over.") % {"age": YOUTH_MIN_AGE}
            )
        if age > YOUTH_MAX_AGE:
            raise forms.ValidationError(
                _(
                    "AcroJump profiles are for young people up to %(age)s. If you support "
                    "young people, sign up as a mentor."
                )
                % {"age": YOUTH_MAX_AGE}
            )
        return born

    def account_details(self) -> AccountDetails:
        return AccountDetails(
            role=self.role,
            date_of_birth=self.cleaned_data["date_of_birth"],
            town=self.cleaned_data["town"].strip(),
            language=self._language(),
        )


class MentorSignupForm(RoleSignupForm):
    role = Role.MENTOR
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput({"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput({"autocomplete": "family-name"}),
    )
    organisation_kind = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=[c for c in Organisation.Kind.choices if c[0] != Organisation.Kind.COMPANY]
        + [(Organisation.Kind.COMPANY, _("Company (volunteer professional)"))],
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        widget=forms.TextInput({"autocomplete": "organization"}),
        help_text=_("For example: Mission Locale de Dijon"),
    )
    function = forms.CharField(
        label=_("Your job title"),
        max_length=120,
        widget=forms.TextInput({"autocomplete": "organization-title"}),
        help_text=_("For example: counsellor, teacher, coach"),
    )

    field_order = [
        "first_name",
        "last_name",
        "email",
        "organisation_kind",
        "organisation_name",
        "function",
        "password1",
    ]

    def account_details(self) -> AccountDetails:
        return AccountDetails(
            role=self.role,
            organisation_name=self.cleaned_data["organisation_name"],
            organisation_kind=self.cleaned_data["organisation_kind"],
            function=self.cleaned_data["function"].strip(),
            language=self._language(),
        )


class RecruiterSignupForm(RoleSignupForm):
    role = Role.RECRUITER
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput({"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput({"autocomplete": "family-name"}),
    )
    company = forms.CharField(
        label=_("Company"),
        max_length=200,
        widget=forms.TextInput({"autocomplete": "organization"}),
        help_text=_("For example: GEIQ BTP Nord"),
    )

    field_order = ["first_name", "last_name", "email", "company", "password1"]

    def account_details(self) -> AccountDetails:
        return AccountDetails(
            role=self.role,
            organisation_name=self.cleaned_data["company"],
            organisation_kind=Organisation.Kind.COMPANY,
            language=self._language(),
        )


SIGNUP_FORMS: dict[str, type[RoleSignupForm]] = {
    Role.YOUTH: YouthSignupForm,
    Role.MENTOR: MentorSignupForm,
    Role.RECRUITER: RecruiterSignupForm,
}
