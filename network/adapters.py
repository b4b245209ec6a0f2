"""Hooks of django-allauth into AcroJump's actions."""

from __future__ import annotations

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.http import HttpRequest

from . import actions
from .forms import RoleSignupForm
from .models import User


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # The confirmation e-mail tells how long its link works.
        context.setdefault("expiry_days", app_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS)
        super().send_mail(template_prefix, email, context)

    def save_user(
        self, request: HttpRequest, user: User, form: RoleSignupForm, commit: bool = True
    ) -> User:
        user = super().save_user(request, user, form, commit=False)
        return actions.do_register_user(user, details=form.account_details())

    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        user = email_address.user
        first_address = not EmailAddress.objects.filter(user=user, verified=True).exists()
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            actions.do_welcome_user(user, email=email_address.email, first_address=first_address)
        return confirmed
