"""In a browser, at a phone's and a desktop's width: the attestation refusal,
the issue confirmation, the verify page with courses and signer, a revoked
holder's dashboard and the re-open form (issue #16)."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from certificates.models import CaseReopening, Certificate
from certificates.services import certificate_revoke
from tests.browser.helpers import SECRET, sign_in
from tests.certificates.scenario import Scenario
from tests.conftest import DESKTOP, PHONE, save_screenshot
from tests.training.factories import CoordinatorFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"1280": DESKTOP, "360": PHONE}


def shots(page, url: str, name: str, prepare=None) -> list[str]:
    """Open `url` at both widths, run `prepare(page)`, keep a screenshot;
    returns each page's text. (One signed-in page, resized: a TOTP code is
    accepted once.)"""
    texts = []
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        page.goto(url)
        if prepare:
            prepare(page)
        save_screenshot(page, f"i16-{name}-{width}")
        texts.append(page.inner_text("body"))
    return texts


def signed_in(browser, base, person, *, totp=False):
    page = browser.new_context(viewport=DESKTOP).new_page()
    if person is not None:
        sign_in(page, base, person, totp=totp)
    return page


def test_the_case_pages_in_a_browser(live_server, browser, site):
    scenario = Scenario()
    scenario.learner.certificate_name = "Rosa María Gómez"
    scenario.learner.save()
    base = live_server.url

    def refuse(page):
        page.get_by_label("Type your full name to sign").fill("Rosa")
        page.get_by_role("button", name="Sign the code of ethics").click()
        page.locator(".field-invalid").wait_for()

    learner = signed_in(browser, base, scenario.learner)
    ethics = base + f"/certificates/ethics/{scenario.program.slug}/"
    for text in shots(learner, ethics, "attestation-refused", refuse):
        assert "Type Rosa María Gómez (capitals and accents don't matter)" in text
    scenario.learner.certificate_name = "Riley Morgan"
    scenario.learner.save()
    scenario.make_eligible()

    coordinator = CoordinatorFactory(first_name="Casey", last_name="Brennan")
    TOTP.activate(coordinator, SECRET)
    scenario.enrollment.cohort.coordinators.add(coordinator)
    review = base + f"/admin/certification/enrollments/{scenario.enrollment.pk}/"

    def confirm(page):
        page.get_by_role("button", name="Issue certificate").click()
        page.get_by_text("Check what the certificate will print").wait_for()

    staff = signed_in(browser, base, coordinator, totp=True)
    for text in shots(staff, review, "issue-confirm", confirm):
        assert "Riley Morgan" in text and "Ethics and Boundaries" in text
    assert not Certificate.objects.exists()
    staff.get_by_role("button", name="Yes, issue the certificate").click()
    staff.wait_for_url(re.compile(r"/admin/certification/queue/$"))
    assert "PDF is being prepared" in staff.content()
    certificate = Certificate.objects.get()

    visitor = signed_in(browser, base, None)
    for text in shots(visitor, base + f"/verify/{certificate.code}/", "verify"):
        assert "Courses completed" in text and "Ethics and Boundaries" in text
        assert "Casey Brennan, Program coordinator" in text

    certificate_revoke(certificate_id=certificate.pk, revoked_by=coordinator, reason="Test.")
    for text in shots(learner, base + "/dashboard/", "dashboard-revoked"):
        assert f"Your certificate {certificate.code} was revoked on" in text
        assert "Casey Brennan" in text
        assert "You have met every requirement" not in text

    reopen = base + f"/admin/certification/certificates/{certificate.pk}/reopen/"

    def fill(page):
        page.get_by_label("Reason for re-opening (kept internal)").fill(
            "Name corrected with the learner."
        )

    shots(staff, reopen, "reopen", fill)
    assert not CaseReopening.objects.exists()
    for page in (learner, staff, visitor):
        page.context.close()
