"""A certificate holder logs a continuing education activity with a proof, in the
browser, and sees their renewal checklist change on the dashboard (issue #17).
Screenshots at 1280 and 360 px go to test-artifacts/renewals/."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses import site_setup as courses_setup
from renewals.models import CEEntry
from tests.browser.helpers import copy_to_guide, sign_in
from tests.browser.test_accessibility import axe_problems
from tests.conftest import ARTIFACTS, PHONE
from tests.renewals.factories import PDF, holder_certificate
from training.site_setup import setup_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = ARTIFACTS / "renewals"
# Screens the role guides show (`make guide-screenshots`): shot name → guide picture.
GUIDE_PICKS = {
    "ce-log-360": "learner-ce-log",
    "dashboard-after-360": "learner-renewal-checklist",
}


def shoot(page, name: str) -> None:
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if name in GUIDE_PICKS:
        copy_to_guide(path, GUIDE_PICKS[name])


def both_widths(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    shoot(page, f"{name}-1280")
    page.set_viewport_size(PHONE)
    page.reload()
    shoot(page, f"{name}-360")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width} px wide on a phone"
    page.set_viewport_size(viewport)
    page.reload()


def test_a_holder_logs_an_activity_with_a_proof_and_the_checklist_changes(
    live_server, desktop_page, tmp_path
):
    setup_site(log=lambda *_: None)
    courses_setup.setup_site(log=lambda *_: None)
    certificate = holder_certificate(days_ago=120)
    holder = certificate.enrollment.learner
    page = desktop_page
    sign_in(page, live_server.url, holder)

    renewal = page.locator("section.checklist", has_text="Your renewal")
    expect(renewal).to_contain_text("6 more CE hours in Ethics; 20 more CE hours in total")
    both_widths(page, "dashboard-before")

    renewal.get_by_role("link", name="Add an activity").click()
    page.wait_for_url(re.compile(r"/continuing-education/.+/new/$"))
    assert axe_problems(page, "CE form") == []
    page.get_by_label("Course, workshop or activity").fill("Ethics in peer work")
    page.get_by_label("Provider").fill("State certification board")
    day = timezone.localdate() - datetime.timedelta(days=7)
    page.get_by_label("Date completed").fill(day.isoformat())
    page.get_by_label("CE hours").fill("6")
    page.get_by_label("Category").select_option(label="Ethics")
    proof = tmp_path / "attendance.pdf"
    proof.write_bytes(PDF)
    page.get_by_label("Proof of attendance").set_input_files(str(proof))
    both_widths(page, "ce-form")  # reloading drops the typed values: fill again below
    page.get_by_label("Course, workshop or activity").fill("Ethics in peer work")
    page.get_by_label("Provider").fill("State certification board")
    page.get_by_label("Date completed").fill(day.isoformat())
    page.get_by_label("CE hours").fill("6")
    page.get_by_label("Category").select_option(label="Ethics")
    page.get_by_label("Proof of attendance").set_input_files(str(proof))
    page.get_by_role("button", name="Save the activity").click()

    page.wait_for_url(re.compile(r"/continuing-education/$"))
    expect(page.get_by_text("Saved to your continuing education log.")).to_be_visible()
    expect(page.get_by_role("heading", name="Ethics in peer work")).to_be_visible()
    expect(page.get_by_role("link", name="Download the proof (attendance.pdf)")).to_be_visible()
    assert axe_problems(page, "CE log") == []
    both_widths(page, "ce-log")
    assert CEEntry.objects.get().proof_name == "attendance.pdf"

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the proof (attendance.pdf)").click()
    assert download.value.suggested_filename == f"ce-proof-{day:%Y-%m-%d}.pdf"

    page.goto(live_server.url + "/dashboard/")
    renewal = page.locator("section.checklist", has_text="Your renewal")
    expect(renewal).to_contain_text("Ethics: 6 of 6 hours")
    expect(renewal).to_contain_text("Still needed: 14 more CE hours in total.")
    assert axe_problems(page, "dashboard with the renewal checklist") == []
    both_widths(page, "dashboard-after")
