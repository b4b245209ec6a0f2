"""Hooks of django-allauth into AcroJump's actions."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.http import HttpRequest

from . import actions
from .forms import RoleSignupForm
from .models import User


class AccountAdapter(DefaultAccountAdapter):
    def save_user(
        self, request: HttpRequest, user: User, form: RoleSignupForm, commit: bool = True
    ) -> User:
        user = super().save_user(request, user, form, commit=False)
        return actions.do_register_user(user, details=form.account_details())

    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            actions.do_welcome_user(email_address.user, email=email_address.email)
        return confirmed
