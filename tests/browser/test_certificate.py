"""A coordinator issues a certificate, the learner downloads it once the task
worker has made it, and a visitor with no account checks the code; after
revocation the visitor sees Revoked."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from certificates.models import Certificate
from tests.browser.helpers import SECRET, finish_server_requests, sign_in
from tests.certificates.scenario import Scenario
from tests.conftest import save_screenshot
from tests.training.factories import CoordinatorFactory
from tests.training.test_tasks_requeue import database_tasks, keep_signal_handlers, run_worker

__all__ = ["database_tasks", "keep_signal_handlers"]  # fixtures used below

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_issue_download_and_verify(
    live_server, browser, site, database_tasks, keep_signal_handlers
):
    # Tasks queue as in production and `make run`: the PDF waits for the worker.
    scenario = Scenario().make_eligible()
    coordinator = CoordinatorFactory(first_name="Casey", last_name="Brennan")
    TOTP.activate(coordinator, SECRET)

    staff = browser.new_context(viewport={"width": 1280, "height": 900})
    page = staff.new_page()
    sign_in(page, live_server.url, coordinator, totp=True)
    page.goto(live_server.url + "/admin/certification/queue/")
    page.get_by_role("link", name=str(scenario.learner)).click()
    page.get_by_label("Name as it will be printed").fill("Riley Morgan")
    save_screenshot(page, "certificate-evidence-desktop")
    page.get_by_role("button", name="Issue certificate").click()
    page.get_by_role("button", name="Yes, issue the certificate").click()
    page.wait_for_url(re.compile(r"/admin/certification/queue/$"))
    assert "issued. Its PDF is being prepared" in page.content()
    save_screenshot(page, "certificate-issued-desktop")
    certificate = Certificate.objects.get(enrollment=scenario.enrollment)
    assert not certificate.pdf
    staff.close()

    learner = browser.new_context(
        viewport={"width": 360, "height": 780}, is_mobile=True, accept_downloads=True
    )
    page = learner.new_page()
    sign_in(page, live_server.url, scenario.learner)
    page.goto(live_server.url + "/certificates/")
    assert certificate.code in page.content()
    assert "is being prepared" in page.get_by_role("status").inner_text()
    assert page.get_by_role("link", name="Download the PDF").count() == 0
    save_screenshot(page, "certificate-mine-preparing-phone")

    finish_server_requests()
    run_worker()
    page.reload()
    save_screenshot(page, "certificate-mine-phone")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    path = download_info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    learner.close()

    visitor = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True)
    page = visitor.new_page()
    page.goto(live_server.url + "/verify/")
    page.get_by_label("Certificate number").fill(certificate.code.lower().replace("-", " "))
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_url(re.compile(r"/verify/PRM-"))
    assert page.get_by_role("status").inner_text().strip() == "Valid"
    assert "Riley Morgan" in page.content()
    save_screenshot(page, "certificate-verify-valid-phone")

    from certificates.services import certificate_revoke

    certificate_revoke(certificate_id=certificate.pk, revoked_by=coordinator, reason="Test")
    page.reload()
    assert page.get_by_role("status").inner_text().strip() == "Revoked"
    save_screenshot(page, "certificate-verify-revoked-phone")
    visitor.close()
