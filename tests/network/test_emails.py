"""E-mails sent by actions go out after commit, and a failing mail server fails nobody."""

from __future__ import annotations

import pytest
from django.core import mail

from network.emails import send_after_commit

pytestmark = pytest.mark.django_db


def test_email_is_sent_only_after_commit(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit("Bonjour", "Texte", "ines@example.org")
        assert mail.outbox == []
    assert [message.to for message in mail.outbox] == [["ines@example.org"]]


def test_failing_mail_server_is_logged_not_raised(
    django_capture_on_commit_callbacks, settings, caplog
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit("Bonjour", "Texte", "ines@example.org")
    assert "not sent" in caplog.text
