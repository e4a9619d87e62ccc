"""In a browser, at a desktop's and a phone's width (issue #17): the holder
asks for their certificate in a new name, a coordinator approves it from the
Name changes listing, and the old code's page then shows no name and no new
code, while the new code shows the new name."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from certificates.models import NameChangeRequest
from tests.browser.helpers import SECRET, copy_to_guide
from tests.browser.test_accessibility import axe_problems
from tests.conftest import save_screenshot
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory
from .test_case_browser import WIDTHS, signed_in
from .test_suspension_browser import shots

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OLD_NAME, NEW_NAME = "Riley Morgan", "Jordan Ortiz"
REASON = "I have changed my name."


def test_a_name_change_in_a_browser(live_server, browser, site):
    certificate = CertificateFactory()
    holder_person = certificate.enrollment.learner
    holder_person.certificate_name = OLD_NAME
    holder_person.save(update_fields=["certificate_name"])
    base = live_server.url
    coordinator = CoordinatorFactory(first_name="Sam", last_name="Okafor")
    TOTP.activate(coordinator, SECRET)
    holder = signed_in(browser, base, holder_person)
    visitor = signed_in(browser, base, None)

    # The holder finds the link on their certificates page and opens the form,
    # at both widths; the form is filled in and sent at the phone's width.
    mine = base + "/certificates/"
    for text in shots(holder, mine, "i17-name-change-mine"):
        assert "Ask for a name change" in text
    form_url = base + f"/certificates/{certificate.code}/name-change/"

    def filled(page):
        page.get_by_label("Your name as it should be printed").fill(NEW_NAME)
        page.get_by_label("A few words for the coordinators").fill(REASON)

    for text in shots(
        holder,
        form_url,
        "i17-name-change-form",
        filled,
        guide={"1280": "learner-name-change-form"},
    ):
        assert "Only the program's coordinators read this" in text
        assert "stops showing any name" in text
    assert axe_problems(holder, "name change form") == []
    holder.get_by_role("button", name="Send my request").click()
    holder.wait_for_url(re.compile(r"/certificates/$"))
    assert NameChangeRequest.objects.get().new_name == NEW_NAME
    for text in shots(
        holder, mine, "i17-name-change-pending", guide={"360": "learner-name-change-pending"}
    ):
        assert f"to show the name {NEW_NAME}" in text and "Ask for a name change" not in text
    assert axe_problems(holder, "certificates page with a request waiting") == []

    # The coordinator sees it in the Certification menu's Name changes listing.
    staff = signed_in(browser, base, coordinator, totp=True)
    for text in shots(
        staff,
        base + "/admin/certification/name-changes/",
        "i17-name-changes-listing",
        guide={"1280": "coordinator-name-changes"},
    ):
        assert OLD_NAME in text and NEW_NAME in text and REASON in text
    staff.set_viewport_size(WIDTHS["1280"])
    staff.get_by_role("link", name="Approve…").click()
    staff.get_by_role("button", name="Yes, issue it in the new name").wait_for()
    copy_to_guide(
        save_screenshot(staff, "i17-name-change-approve-1280"), "coordinator-name-change-approve"
    )
    staff.get_by_role("button", name="Yes, issue it in the new name").click()
    staff.wait_for_url(re.compile(r"/name-changes/$"))
    staff.get_by_text("No name change is waiting.").wait_for()
    request = NameChangeRequest.objects.select_related("successor").get()
    successor = request.successor
    assert request.status == NameChangeRequest.Status.APPROVED and successor is not None

    # The old code names nobody and leads nowhere; the new one shows the new name.
    for text in shots(
        visitor,
        base + f"/verify/{certificate.code}/",
        "i17-verify-replaced",
        guide={"1280": "visitor-verify-replaced"},
    ):
        assert "Replaced by a newer certificate — ask the holder for it" in text
        assert OLD_NAME not in text and NEW_NAME not in text and successor.code not in text
    assert axe_problems(visitor, "replaced certificate") == []
    for text in shots(visitor, base + f"/verify/{successor.code}/", "i17-verify-new-name"):
        assert NEW_NAME in text and OLD_NAME not in text and certificate.code not in text

    # The holder's page: the new certificate, and the old one saying it was replaced.
    for text in shots(
        holder, mine, "i17-name-change-done", guide={"360": "learner-name-change-done"}
    ):
        assert successor.code in text and f"by certificate {successor.code}" in text
    for page in (staff, visitor, holder):
        page.context.close()
