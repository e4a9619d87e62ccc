"""In a browser, at a desktop's and a phone's width (issue #17): a coordinator
suspends a certificate, a visitor to /verify/ sees "Suspended since", the
holder's page says so, the coordinator reinstates, the visitor sees Valid."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from certificates.models import CertificateSuspension
from tests.browser.helpers import SECRET, copy_to_guide
from tests.conftest import save_screenshot
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory
from .test_case_browser import WIDTHS, signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def shots(page, url: str, name: str, prepare=None, guide: dict | None = None) -> list[str]:
    """Open `url` at both widths, run `prepare(page)`, keep a screenshot (and,
    for `make guide-screenshots`, the widths in `guide` as the guide's images);
    returns each page's text."""
    texts = []
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        page.goto(url)
        if prepare:
            prepare(page)
        png = save_screenshot(page, f"{name}-{width}")
        if guide and width in guide:
            copy_to_guide(png, guide[width])
        texts.append(page.inner_text("body"))
    return texts


def test_suspend_and_reinstate_in_a_browser(live_server, browser, site):
    certificate = CertificateFactory()
    base = live_server.url
    coordinator = CoordinatorFactory(first_name="Casey", last_name="Brennan")
    TOTP.activate(coordinator, SECRET)
    staff = signed_in(browser, base, coordinator, totp=True)
    visitor = signed_in(browser, base, None)
    holder = signed_in(browser, base, certificate.enrollment.learner)
    verify = base + f"/verify/{certificate.code}/"
    today = f"{timezone.localdate():%-d %B %Y}"

    def to_confirmation(page):
        page.get_by_label("Reason (kept internal)").fill("A complaint is being reviewed.")
        page.get_by_role("button", name="Suspend certificate…").click()
        page.get_by_role("button", name="Yes, suspend the certificate").wait_for()

    suspend = base + f"/admin/certification/certificates/{certificate.pk}/suspend/"
    for text in shots(
        staff,
        suspend,
        "i17-suspend-confirm",
        to_confirmation,
        guide={"1280": "coordinator-suspend"},
    ):
        assert "Suspend" in text and "never the reason" in text
    assert not CertificateSuspension.objects.exists()
    staff.get_by_role("button", name="Yes, suspend the certificate").click()
    staff.wait_for_url(re.compile(r"/suspend/$"))
    staff.get_by_text(f"Certificate {certificate.code} suspended").wait_for()
    assert CertificateSuspension.objects.filter(ended_at__isnull=True).count() == 1

    for text in shots(
        visitor, verify, "i17-verify-suspended", guide={"1280": "visitor-verify-suspended"}
    ):
        assert "Suspended" in text and f"Suspended since {today}" in text
        assert "complaint" not in text
    for text in shots(
        holder,
        base + "/certificates/",
        "i17-mine-suspended",
        guide={"360": "learner-certificates-suspended"},
    ):
        assert f"Suspended since {today}" in text and "complaint" not in text

    def reinstate_to_confirmation(page):
        page.get_by_label("Note (optional, kept internal)").fill("No case to answer.")
        page.get_by_role("button", name="Reinstate certificate…").click()
        page.get_by_role("button", name="Yes, reinstate the certificate").wait_for()

    reinstate = base + f"/admin/certification/certificates/{certificate.pk}/reinstate/"
    shots(staff, reinstate, "i17-reinstate-confirm", reinstate_to_confirmation)
    staff.get_by_role("button", name="Yes, reinstate the certificate").click()
    staff.get_by_text(f"Certificate {certificate.code} reinstated").wait_for()
    assert CertificateSuspension.objects.get().reinstated_by == coordinator

    for text in shots(visitor, verify, "i17-verify-reinstated"):
        assert "Valid" in text and "Suspended" not in text
    evidence = base + f"/admin/certification/enrollments/{certificate.enrollment_id}/"
    for text in shots(staff, evidence, "i17-evidence-history"):
        assert "Suspensions and reinstatements" in text
        assert "A complaint is being reviewed." in text and "No case to answer." in text
    for page in (staff, visitor, holder):
        page.context.close()
