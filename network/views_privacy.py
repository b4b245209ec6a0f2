"""Thin views of the person's privacy rights: the "My data" page (downloads) and deleting
one's own account. Both act only on the logged-in person: no id comes from the URL."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .account_deletion import AccountDeletionError, check_delete_account


class DeleteAccountForm(forms.Form):
    """Proof that the person at the keyboard owns the account, and an explicit yes.

    Accounts without a password (made through another service) type their e-mail address
    instead; ``needs_password`` chooses which field the form has.
    """

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    email = forms.CharField(
        label=gettext_lazy("Type the e-mail address of your account"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that my account and my data will be deleted for good."),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )

    def __init__(self, *args: object, needs_password: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["email" if needs_password else "password"]


@never_cache
@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "network/privacy/my_data.html")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """GET explains what goes and what stays; POST deletes the account, logs out, goes home."""
    user = request.user
    needs_password = user.has_usable_password()
    form = DeleteAccountForm(
        request.POST if request.method == "POST" else None, needs_password=needs_password
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                check_delete_account(
                    user,
                    password=form.cleaned_data.get("password", ""),
                    email=form.cleaned_data.get("email", ""),
                )
            except AccountDeletionError as error:
                form.add_error(None, error.messages[0])
                status = error.status_code
            else:
                logout(request)
                messages.success(
                    request, _("Your account and your data are deleted. Goodbye and good luck!")
                )
                return HttpResponseRedirect("/")
    return render(
        request,
        "network/privacy/delete_account.html",
        {"form": form, "needs_password": needs_password},
        status=status,
    )
