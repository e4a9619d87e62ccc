"""The renewal journey in a browser at a desktop's and a phone's width (issue
#17): a holder logs the last CE hours they need and asks to renew; a
coordinator opens the renewal queue, looks at the evidence and renews; the
old code's page points to the new one, which shows "Certified since"; and a
suspended certificate shows so. Screenshots in test-artifacts/, and for
`make guide-screenshots` in the role guides."""

import datetime
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import certificate_suspend
from renewals.models import CECategory, Renewal
from renewals.services import renewal_request
from tests.browser.helpers import SECRET, copy_to_guide
from tests.browser.test_accessibility import axe_problems
from tests.certificates.test_case_browser import WIDTHS, signed_in
from tests.conftest import save_screenshot
from tests.renewals.factories import PDF, holder_certificate
from tests.renewals.test_renewal import log_ce, ready_holder, without_audits
from tests.training.factories import CoordinatorFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def shots(page, url, name, prepare=None, guide=None) -> list[str]:
    texts = []
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        if url:
            page.goto(url)
        if prepare:
            prepare(page)
        png = save_screenshot(page, f"i17-{name}-{width}")
        if guide and width in guide:
            copy_to_guide(png, guide[width])
        if width == "360":
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= viewport["width"], f"{name} is {scroll} px wide on a phone"
        texts.append(" ".join(page.inner_text("body").split()))
    page.set_viewport_size(WIDTHS["1280"])
    return texts


def test_a_holder_renews_and_both_codes_verify(live_server, browser, site, tmp_path):
    base = live_server.url
    # Expires in 30 days: the window is open. Picked for the proof audit (its
    # program's rules audit every renewal); a second holder's is not.
    certificate = without_audits(holder_certificate(days_ago=700), audit_percent=100)
    log_ce(certificate, "14")
    other = ready_holder()
    other_renewal = renewal_request(certificate_id=other.pk, holder=other.enrollment.learner)
    ethics = CECategory.objects.get(name="Ethics")
    holder = signed_in(browser, base, certificate.enrollment.learner)

    # The holder logs the 6 Ethics hours still missing, with a proof.
    holder.goto(base + f"/continuing-education/{certificate.code}/new/")
    holder.get_by_label("Course, workshop or activity").fill("Ethics and boundaries refresher")
    holder.get_by_label("Provider").fill("State certification board")
    day = timezone.localdate() - datetime.timedelta(days=3)
    holder.get_by_label("Date completed").fill(day.isoformat())
    holder.get_by_label("CE hours").fill("6")
    holder.get_by_label("Category").select_option(label=ethics.name)
    proof = tmp_path / "attendance.pdf"
    proof.write_bytes(PDF)
    holder.get_by_label("Proof of attendance").set_input_files(str(proof))
    holder.get_by_role("button", name="Save the activity").click()
    holder.wait_for_url(re.compile(r"/continuing-education/$"))

    for text in shots(holder, None, "ce-ready", guide={"360": "learner-ask-to-renew"}):
        assert "You have the CE hours your renewal needs." in text
    assert axe_problems(holder, "CE log, ready to renew") == []
    holder.get_by_role("button", name="Ask to renew").click()
    holder.get_by_text("Your renewal is with the coordinators now").wait_for()
    for text in shots(holder, base + "/continuing-education/", "ce-asked"):
        assert "You asked to renew this certificate on" in text
    renewal = Renewal.objects.get(certificate=certificate)

    # A coordinator renews from the queue's evidence page.
    coordinator = CoordinatorFactory(first_name="Casey", last_name="Brennan")
    TOTP.activate(coordinator, SECRET)
    staff = signed_in(browser, base, coordinator, totp=True)
    for text in shots(
        staff,
        base + "/admin/renewals/queue/",
        "renewal-queue",
        guide={"1280": "coordinator-renewal-queue"},
    ):
        assert certificate.code in text and other.code in text and "Proof audit" in text
    assert axe_problems(staff, "renewal queue") == []
    review = base + f"/admin/renewals/queue/{renewal.pk}/"
    for text in shots(
        staff, review, "renewal-evidence", guide={"1280": "coordinator-renewal-evidence"}
    ):
        assert "Ethics and boundaries refresher" in text and "Download attendance.pdf" in text
    assert axe_problems(staff, "renewal evidence") == []
    assert renewal.audit
    staff.get_by_role("button", name="Approve and issue the renewed certificate").click()
    staff.get_by_text("Open each activity's proof, then confirm you checked them.").wait_for()
    assert not Certificate.objects.filter(renewal_of=renewal).exists()
    staff.get_by_label(re.compile("I opened the proof of every activity")).check()
    staff.get_by_role("button", name="Approve and issue the renewed certificate").click()
    staff.get_by_text(re.compile("Renewed: certificate PRM-")).wait_for()
    successor = Certificate.objects.get(renewal_of=renewal)

    # The other renewal, not audited, is approved from the queue with its tick box.
    staff.get_by_label(f"Select the renewal of {other.code}").check()
    staff.get_by_role("button", name="Approve the selected renewals").click()
    staff.get_by_text(re.compile("1 renewed: new certificates PRM-")).wait_for()
    other_renewal.refresh_from_db()
    assert other_renewal.status == Renewal.Status.APPROVED

    # Anyone checking the old code is pointed to the new one.
    visitor = signed_in(browser, base, None)
    for text in shots(
        visitor,
        base + f"/verify/{certificate.code}/",
        "verify-renewed",
        guide={"1280": "visitor-verify-renewed"},
    ):
        assert f"Renewed — see certificate {successor.code}" in text
        assert "Riley Morgan" not in text
    visitor.get_by_role("link", name=successor.code).click()
    visitor.wait_for_url(re.compile(rf"/verify/{successor.code}/$"))
    since = f"{certificate.issued_on:%-d %B %Y}"
    for text in shots(visitor, None, "verify-successor"):
        assert "Valid" in text and f"Certified since {since}" in text
        assert "Renewed with 20 hours, including 6 in Ethics" in text
    assert axe_problems(visitor, "renewed certificate's page") == []

    # The holder's next cycle starts empty on the same page.
    for text in shots(holder, base + "/continuing-education/", "ce-next-cycle"):
        assert successor.code in text and "0 of 20 CE hours" in text

    # A suspended certificate shows so to the same visitor.
    certificate_suspend(certificate_id=successor.pk, by=coordinator, reason="A review.")
    for text in shots(visitor, base + f"/verify/{successor.code}/", "verify-renewed-suspended"):
        assert f"Suspended since {timezone.localdate():%-d %B %Y}" in text
