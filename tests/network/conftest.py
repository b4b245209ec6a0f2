from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from network.actions import AccountDetails, do_register_user
from network.models import Role, User

PASSWORD = "banque-alimentaire-59"


def years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    """Create an account through the sign-up action, e-mail confirmed."""

    def make(
        email: str,
        *,
        role: str = Role.YOUTH,
        first_name: str = "Inès",
        age: int | None = 19,
        organisation: str = "",
        organisation_kind: str = "",
        town: str = "Roubaix",
    ) -> User:
        user = User(email=email, first_name=first_name)
        user.set_password(PASSWORD)
        do_register_user(
            user,
            details=AccountDetails(
                role=role,
                date_of_birth=years_ago(age, days=30) if age is not None else None,
                town=town,
                organisation_name=organisation,
                organisation_kind=organisation_kind,
            ),
        )
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        return user

    return make


@pytest.fixture
def ines(make_user: Callable[..., User]) -> User:
    return make_user("ines@example.org")


@pytest.fixture
def yanis(make_user: Callable[..., User]) -> User:
    return make_user("yanis@example.org", first_name="Yanis", age=17, town="Vaulx-en-Velin")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate limits live in the cache: each test starts with none spent."""
    from django.core.cache import cache

    cache.clear()
