"""Helpers of the browser tests: captured e-mails and axe-core checks.

The fixtures that hand them out are in ``conftest.py``.
"""

from __future__ import annotations

import email
import email.policy
import re
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Frame, Page

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# axe-core impacts that fail a test; "minor" and "moderate" findings are left to review.
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
MAIL_TIMEOUT = 10.0


# -- E-mails ---------------------------------------------------------------------------

# What Django's file-based e-mail backend writes after each message.
MESSAGE_SEPARATOR = b"\n" + b"-" * 79 + b"\n"


@dataclass
class Mailbox:
    """The e-mails the server process sent during the current test."""

    directory: Path

    def clear(self) -> None:
        for path in self.directory.glob("*.log"):
            path.unlink()

    def messages(self) -> list[EmailMessage]:
        found = []
        for path in sorted(self.directory.glob("*.log"), key=lambda p: p.stat().st_mtime_ns):
            # Only whole messages: the server may be writing the last one right now.
            *complete, _partial = path.read_bytes().split(MESSAGE_SEPARATOR)
            found += [
                email.message_from_bytes(raw, policy=email.policy.default) for raw in complete
            ]
        return found

    def wait_for(self, *, to: str, timeout: float = MAIL_TIMEOUT) -> EmailMessage:
        """The latest e-mail to ``to``, waiting up to ``timeout`` seconds for it."""
        deadline = time.monotonic() + timeout
        while True:
            matching = [m for m in self.messages() if to.lower() in str(m["To"]).lower()]
            if matching:
                return matching[-1]
            if time.monotonic() > deadline:
                subjects = [f"{m['To']}: {m['Subject']}" for m in self.messages()]
                raise AssertionError(f"No e-mail to {to} within {timeout:.0f}s; got {subjects}")
            time.sleep(0.05)


def email_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    assert part is not None, f"E-mail without a text body: {message['Subject']}"
    return part.get_content()


def link_in(message: EmailMessage, path_pattern: str) -> str:
    """The first link in ``message`` whose path matches ``path_pattern``."""
    text = email_text(message)
    match = re.search(rf"https?://[^\s/]+{path_pattern}", text)
    assert match, f"No link matching {path_pattern!r} in:\n{text}"
    return match.group(0)


# -- Accessibility ---------------------------------------------------------------------


def _format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core: {len(violations)} serious or critical violation(s) on {url}"]
    for violation in violations:
        lines.append(
            f"- [{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = "; ".join(
                line.strip() for line in node.get("failureSummary", "").splitlines() if line.strip()
            )
            if summary:
                lines.append(f"       {summary[:400]}")
    return "\n".join(lines)


@dataclass
class AccessibilityChecker:
    """Runs axe-core on pages and remembers which visited pages were never checked."""

    unchecked: dict[Page, str] = field(default_factory=dict)

    def watch(self, page: Page) -> None:
        def navigated(frame: Frame) -> None:
            if frame == page.main_frame and not frame.url.startswith("about:"):
                self.unchecked[page] = frame.url

        page.on("framenavigated", navigated)

    def check(self, page: Page) -> None:
        """Fail listing the serious and critical axe-core violations of the page as it is."""
        page.wait_for_load_state("load")
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.add_script_tag(path=str(AXE_JS))
        results = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        self.unchecked.pop(page, None)
        blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            pytest.fail(_format_violations(page.url, blocking), pytrace=False)

    def assert_all_checked(self) -> None:
        if self.unchecked:
            urls = ", ".join(sorted(set(self.unchecked.values())))
            pytest.fail(f"Pages visited but never checked with a11y.check(page): {urls}")
