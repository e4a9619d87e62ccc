"""The supervisor's home in a real browser: /dashboard/, the admin home and the
review queue at 1280 and 360 px, signed in with TOTP. At 360 px the queue is a
list of cards: an entry's setting, notes and submission time are on the screen,
not pushed off it; the editing bar covers none of the header's links."""

import datetime
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from practice.models import HoursEntry
from tests.browser.helpers import SECRET, copy_to_guide, sign_in
from tests.browser.test_accessibility import axe_problems
from tests.conftest import save_screenshot
from tests.practice.factories import HoursEntryFactory, activity, hours_enrollment, hours_program
from tests.training.factories import LearnerFactory, SupervisorFactory
from training.site_setup import setup_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SHOTS = Path("/tmp/shots-supervisor")
SETTING = "Recovery community centre, Tuesday evening open group"
NOTES = "Co-facilitated the check-in round and practised reflective listening with a peer."


def shot(page, name: str, guide: str | None = None):
    png = save_screenshot(page, name)
    if SHOTS.is_dir():
        shutil.copy(png, SHOTS / png.name)
    if guide:
        copy_to_guide(png, guide)


def mentees(supervisor):
    program = hours_program()
    sam = hours_enrollment(
        program, supervisor=supervisor, learner=LearnerFactory(first_name="Sam", last_name="Okafor")
    )
    kim = hours_enrollment(
        program, supervisor=supervisor, learner=LearnerFactory(first_name="Kim", last_name="Lee")
    )
    now = timezone.now()
    for enrollment, days, hours in ((sam, 3, "2"), (kim, 1, "1.5"), (sam, 0, "1")):
        HoursEntryFactory(
            enrollment=enrollment,
            status=HoursEntry.Status.SUBMITTED,
            hours=Decimal(hours),
            date=timezone.localdate() - datetime.timedelta(days=days + 1),
            submitted_at=now - datetime.timedelta(days=days, hours=2),
            setting=SETTING,
            notes=NOTES,
        )
    HoursEntryFactory(enrollment=sam, status=HoursEntry.Status.APPROVED, hours=Decimal("4"))
    HoursEntryFactory(
        enrollment=kim,
        status=HoursEntry.Status.APPROVED,
        hours=Decimal("1"),
        activity_type=activity(program, "Supervision"),
    )


def visible_within(page, locator, width: int) -> None:
    box = locator.bounding_box()
    assert box is not None, "not shown"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, box


def covered_links(page, selector: str) -> list[str]:
    """Links and buttons on the screen that the editing bar's button overlaps."""
    return page.evaluate(
        """(selector) => {
            const host = document.querySelector("wagtail-userbar");
            const trigger = host.shadowRoot.querySelector("#wagtail-userbar-trigger");
            const bar = trigger.getBoundingClientRect();
            const covered = [];
            for (const el of document.querySelectorAll(selector)) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.bottom < 0 || r.top > window.innerHeight) continue;
                const apart = bar.left >= r.right || r.left >= bar.right
                    || bar.top >= r.bottom || r.top >= bar.bottom;
                if (!apart) covered.push(el.textContent.trim());
            }
            return covered;
        }""",
        selector,
    )


def test_the_supervisor_home_and_queue_at_1280_and_360(live_server, desktop_page, phone_page):
    setup_site(log=lambda *_: None)
    supervisor = SupervisorFactory(first_name="Alex", last_name="Nguyen")
    TOTP.activate(supervisor, SECRET)
    mentees(supervisor)
    base = live_server.url
    problems = []

    for page, size in ((desktop_page, "1280"), (phone_page, "360")):
        if page is desktop_page:
            sign_in(page, base, supervisor, totp=True)
        else:  # the same session: a TOTP code is accepted once
            page.context.add_cookies(desktop_page.context.cookies())
        page.goto(base + "/dashboard/")
        home = page.locator(".supervisor-home")
        assert "3 hours entries are waiting for your review" in home.inner_text()
        assert "waiting 3 days" in home.inner_text()
        assert "Kim Lee" in home.inner_text() and "Sam Okafor" in home.inner_text()
        shot(page, f"supervisor-dashboard-{size}", "supervisor-home" if size == "1280" else None)
        problems += axe_problems(page, f"dashboard {size}")

        page.goto(base + "/admin/")
        panel = page.locator(".supervisor-home")
        assert "3 hours entries are waiting for your review" in panel.inner_text()
        shot(
            page,
            f"supervisor-admin-home-{size}",
            "supervisor-admin-home" if size == "1280" else None,
        )
        problems += axe_problems(page, f"admin home {size}")

        page.goto(base + "/admin/practice/review/")
        page.locator("table.hours-queue").wait_for()
        shot(
            page,
            f"supervisor-review-queue-{size}",
            "supervisor-review-queue-phone" if size == "360" else None,
        )
        problems += axe_problems(page, f"review queue {size}")

    # At 360 px, the first entry's setting, notes and submission time are on screen.
    row = phone_page.locator("table.hours-queue tbody tr").first
    for label in ("Setting", "Notes", "Submitted"):
        cell = row.locator(f'td[data-label="{label}"]')
        visible_within(phone_page, cell, 360)
    assert SETTING in row.inner_text() and NOTES in row.inner_text()
    width = phone_page.evaluate("document.querySelector('table.hours-queue').scrollWidth")
    assert width <= 360

    # The editing bar never covers the header's links at 360 px, and scrolled
    # to the end of a page nothing is left under it.
    for path in ("/", "/dashboard/"):
        phone_page.goto(base + path)
        assert phone_page.locator("wagtail-userbar").count() == 1
        assert covered_links(phone_page, "header a, header button") == []
        phone_page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        assert covered_links(phone_page, "main a, main button, footer a") == []
    shot(phone_page, "supervisor-dashboard-end-360")

    assert problems == []
