from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ADULT_AGE = 18


class Role(models.TextChoices):
    YOUTH = "youth", _("Young person")
    MENTOR = "mentor", _("Mentor")
    RECRUITER = "recruiter", _("Recruiter")
    STAFF = "staff", _("AcroJump team")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.update(is_staff=True, is_superuser=True, role=Role.STAFF)
        return self._create_user(email, password, **extra)


def birth_date_limit_for_minors(today: datetime.date | None = None) -> datetime.date:
    """People born after this date are under 18 today."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - ADULT_AGE)
    except ValueError:  # 29 February
        return today.replace(year=today.year - ADULT_AGE, day=28)


class User(AbstractUser):
    """Anyone with an account. The e-mail address is the login."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.YOUTH)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    town = models.CharField(_("town"), max_length=120, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="fr"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [models.Index(fields=["role", "date_of_birth"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.first_name or self.email.split("@")[0]

    @property
    def is_minor(self) -> bool:
        """Under 18 today, from the date of birth (safeguarding rules depend on it).

        A youth without a known date of birth is treated as a minor: the safe default.
        """
        if self.role != Role.YOUTH:
            return False
        if self.date_of_birth is None:
            return True
        return self.date_of_birth > birth_date_limit_for_minors()

    @property
    def age(self) -> int | None:
        if self.date_of_birth is None:
            return None
        today = timezone.localdate()
        born = self.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
