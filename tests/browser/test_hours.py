"""A learner logs and submits hours; their supervisor returns one with a comment;
the learner fixes it; the supervisor approves. In a real browser, on a phone for
the learner and a desktop for the supervisor (who signs in with TOTP)."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from practice.models import HoursEntry
from tests.browser.helpers import SECRET, sign_in
from tests.conftest import save_screenshot
from tests.practice.factories import hours_enrollment
from tests.training.factories import SupervisorFactory
from training.site_setup import setup_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COMMENT = "Thank you. Please say which listening skills you practised."


def log_hours(page, hours, domain, activity, setting, notes):
    page.get_by_role("link", name="Log hours").first.click()
    page.get_by_label("Hours").fill(hours)
    page.get_by_label("Domain").select_option(label=domain)
    page.get_by_label("Activity").select_option(label=activity)
    page.get_by_label("Setting").fill(setting)
    page.get_by_label("Notes", exact=True).fill(notes)
    page.get_by_role("button", name="Save as a draft").click()
    page.wait_for_url(re.compile(r"/hours/$"))


def test_log_submit_return_fix_and_approve(live_server, phone_page, desktop_page):
    setup_site(log=lambda *_: None)
    supervisor = SupervisorFactory(first_name="Alex", last_name="Nguyen")
    TOTP.activate(supervisor, SECRET)
    enrollment = hours_enrollment(supervisor=supervisor)
    log_url = f"{live_server.url}/programs/{enrollment.program.slug}/hours/"

    # The learner logs two entries; the first try names someone and is flagged.
    learner = phone_page
    sign_in(learner, live_server.url, enrollment.learner)
    learner.goto(log_url)
    learner.get_by_role("link", name="Log hours").first.click()
    learner.get_by_label("Hours").fill("2")
    learner.get_by_label("Domain").select_option(label="Advocacy")
    learner.get_by_label("Activity").select_option(label="Peer support")
    learner.get_by_label("Setting").fill("Recovery community centre")
    learner.get_by_label("Notes", exact=True).fill(
        "Went with client Maria to a housing appointment."
    )
    learner.get_by_role("button", name="Save as a draft").click()
    learner.get_by_text("it may identify someone").wait_for()
    assert "Maria" in learner.locator(".identifier-warning").inner_text()
    save_screenshot(learner, "hours-identifier-warning-phone")
    learner.get_by_label("Notes", exact=True).fill("Went with a peer to a housing appointment.")
    learner.get_by_role("button", name="Save as a draft").click()
    learner.wait_for_url(re.compile(r"/hours/$"))
    log_hours(
        learner,
        "1.5",
        "Mentoring and Education",
        "Group facilitation",
        "Online group",
        "Co-facilitated the evening check-in.",
    )
    for box in learner.locator("input[name=entries]").all():
        box.check()
    learner.get_by_role("button", name="Submit the chosen entries for review").click()
    learner.get_by_text("Submitted 2 entries for review").wait_for()
    save_screenshot(learner, "hours-log-submitted-phone")
    assert HoursEntry.objects.filter(status=HoursEntry.Status.SUBMITTED).count() == 2

    # The supervisor returns the mentoring entry with a comment and approves the other.
    admin = desktop_page
    sign_in(admin, live_server.url, supervisor, totp=True)
    admin.goto(live_server.url + "/admin/practice/review/")
    admin.get_by_text("Co-facilitated the evening check-in.").wait_for()
    save_screenshot(admin, "hours-review-queue-desktop")
    mentoring = HoursEntry.objects.get(domain__slug="mentoring-education")
    advocacy = HoursEntry.objects.get(domain__slug="advocacy")
    admin.locator(f"#review-{mentoring.pk}").check()
    admin.get_by_label("What should the learner change?").fill(COMMENT)
    admin.get_by_role("button", name="Return the chosen entries with this comment").click()
    admin.get_by_text("Returned 1 entry").wait_for()
    admin.locator(f"#review-{advocacy.pk}").check()
    admin.get_by_role("button", name="Approve the chosen entries").click()
    admin.get_by_text("Approved 1 entry").wait_for()
    mentoring.refresh_from_db()
    advocacy.refresh_from_db()
    assert (mentoring.status, advocacy.status) == (
        HoursEntry.Status.RETURNED,
        HoursEntry.Status.APPROVED,
    )

    # The learner sees the comment, fixes the entry and submits it again.
    learner.goto(log_url)
    learner.get_by_text(COMMENT).wait_for()
    save_screenshot(learner, "hours-log-returned-phone")
    learner.get_by_role("link", name=re.compile("^Edit")).first.click()
    assert COMMENT in learner.content()
    learner.get_by_label("Notes", exact=True).fill(
        "Co-facilitated the evening check-in; practised reflective listening and summaries."
    )
    learner.get_by_role("button", name="Save changes").click()
    # Saved, not sent: the entry's page says so and offers "Submit again" right there.
    learner.wait_for_url(re.compile(rf"/hours/{mentoring.pk}/$"))
    learner.get_by_text("still needs to be submitted again").wait_for()
    save_screenshot(learner, "hours-returned-saved-phone")
    learner.get_by_role("button", name="Submit again").click()
    learner.get_by_text("Submitted 1 entry for review").wait_for()

    # The supervisor approves it from the entry's own page.
    admin.goto(live_server.url + f"/admin/practice/review/entry/{mentoring.pk}/")
    admin.get_by_text("practised reflective listening").first.wait_for()
    save_screenshot(admin, "hours-entry-detail-desktop")
    admin.get_by_role("button", name="Approve", exact=True).click()
    admin.get_by_text("Approved 1 entry").wait_for()

    mentoring.refresh_from_db()
    assert mentoring.status == HoursEntry.Status.APPROVED
    assert mentoring.reviewed_by == supervisor
    assert [event.action for event in mentoring.events.order_by("at", "pk")] == [
        "created",
        "submitted",
        "returned",
        "edited",
        "submitted",
        "approved",
    ]
    learner.goto(log_url)
    save_screenshot(learner, "hours-log-approved-phone")
    assert learner.locator(".hours-status-approved").count() == 2
