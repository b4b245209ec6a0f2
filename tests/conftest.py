"""Fixtures shared by the whole suite.

Keep this file small and generic: fixtures that only one app's tests need live in that
app's folder (``tests/<app>/conftest.py``); the browser machinery (daphne server, Chromium,
axe-core, captured e-mails) lives in ``tests/browser/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate limits live in the cache: each test starts with none spent."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_user(db: None) -> Callable[..., object]:
    """Create an account through the sign-up action, with its e-mail confirmed."""
    from allauth.account.models import EmailAddress

    from network.actions import AccountDetails, do_register_user
    from network.models import Role, User
    from tests.factories import PASSWORD, birth_date

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
                date_of_birth=birth_date(age) if age is not None else None,
                town=town,
                organisation_name=organisation,
                organisation_kind=organisation_kind,
            ),
        )
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        return user

    return make


@pytest.fixture
def ines(make_user: Callable[..., object]) -> object:
    return make_user("ines@example.org")


@pytest.fixture
def yanis(make_user: Callable[..., object]) -> object:
    return make_user("yanis@example.org", first_name="Yanis", age=17, town="Vaulx-en-Velin")


@pytest.fixture
def nadia(make_user: Callable[..., object]) -> object:
    """Nadia Benali, counsellor at the Mission Locale de Dijon."""
    from network.models import Role

    return make_user(
        "nadia@example.org",
        role=Role.MENTOR,
        first_name="Nadia",
        age=None,
        organisation="Mission Locale de Dijon",
        organisation_kind="mission_locale",
        town="Dijon",
    )


@pytest.fixture
def recruiter(make_user: Callable[..., object]) -> object:
    """Sandrine Morel, HR at a logistics warehouse near Lille."""
    from network.models import Role

    return make_user(
        "sandrine@example.org",
        role=Role.RECRUITER,
        first_name="Sandrine",
        age=None,
        organisation="Entrepôt de Lesquin",
        organisation_kind="company",
    )
