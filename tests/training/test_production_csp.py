"""Content Security Policy: strict on the public site, the measured minimum in
the Wagtail admin (docs/deploy.md, "Content Security Policy")."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.test import Client
from wagtail.models import Workflow

from tests.browser.helpers import finish_server_requests
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    catalogue,
    enroll,
    every_block_body,
    make_image,
)
from tests.programs.factories import CohortFactory, ProgramFactory
from tests.training.factories import PASSWORD, LearnerFactory, TrainerFactory, UserFactory

# The admin policy as documented in docs/deploy.md; a change to either must be
# a decision, so this is written out rather than read from the settings.
ADMIN_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "script-src-attr": [
        "'unsafe-hashes'",
        "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='",
    ],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "blob:"],
    "media-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
PUBLIC_POLICY = {
    **ADMIN_POLICY,
    "script-src": ["'self'"],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
}
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def parse_policy(header: str) -> dict[str, list[str]]:
    policy = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *sources = directive.split()
        policy[name] = sources
    return policy


def administrator():
    admin = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(admin, TOTP_SECRET)
    return admin


@pytest.mark.django_db
def test_public_pages_allow_no_inline_script_or_style(client, site):
    for path in ["/", "/accounts/login/", "/verify/"]:
        policy = parse_policy(client.get(path)["Content-Security-Policy"])
        assert policy == PUBLIC_POLICY, path
        assert not any("'unsafe-inline'" in sources for sources in policy.values())


@pytest.mark.django_db
def test_signed_in_public_pages_keep_the_public_policy(client, site):
    client.force_login(administrator())
    # The staff member's userbar on a public page runs under the public policy.
    policy = parse_policy(client.get("/")["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_the_admin_has_its_own_documented_policy(client, site):
    client.force_login(administrator())
    response = client.get("/admin/")
    assert response.status_code == 200
    assert parse_policy(response["Content-Security-Policy"]) == ADMIN_POLICY
    # Also on the admin's redirects and errors, not only its pages.
    anonymous = Client().get("/admin/pages/")
    assert anonymous.status_code == 302
    assert parse_policy(anonymous["Content-Security-Policy"]) == ADMIN_POLICY


def test_admin_avatars_are_not_fetched_from_gravatar():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


# --- In a real browser: the policies must not break what people use --------------------

VIOLATION_LISTENER = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.__reportViolation({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    page: location.pathname,
  });
}, true);
"""


def signed_in_context(browser, live_server, user, violations):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    context.expose_binding("__reportViolation", lambda source, found: violations.append(found))
    context.add_init_script(VIOLATION_LISTENER)
    return context


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_admin_and_lesson_screens_run_without_a_single_csp_violation(browser, live_server):
    from django.core.management import call_command

    call_command("setup_site", verbosity=0)
    course = CoursePageFactory(parent=catalogue(), title="Sharing lived experience")
    lesson = LessonPageFactory(parent=course, title="Why stories matter", body=every_block_body())
    image = make_image()
    program = ProgramFactory()
    cohort = CohortFactory(program=program)
    learner = enroll(course).learner

    violations: list[dict] = []
    context = signed_in_context(browser, live_server, administrator(), violations)
    page = context.new_page()
    admin_screens = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{lesson.pk}/edit/",  # StreamField, Draftail, schedule dates
        f"/admin/pages/{course.pk}/edit/",
        f"/admin/images/{image.pk}/",  # focal point cropper
        "/admin/images/multiple/add/",
        "/admin/documents/",
        f"/admin/programs/programs/edit/{program.pk}/",  # InlinePanel with page choosers
        f"/admin/programs/cohorts/edit/{cohort.pk}/",  # date choosers
        "/admin/workflows/list/",
        f"/admin/workflows/edit/{Workflow.objects.first().pk}/",
        "/admin/reports/site-history/",
    ]
    for path in admin_screens:
        response = page.goto(live_server.url + path, wait_until="networkidle")
        assert response.status == 200, path
    # Open the editor's preview panel and an image chooser, the heaviest scripts.
    page.goto(live_server.url + f"/admin/pages/{lesson.pk}/edit/", wait_until="networkidle")
    page.locator("[data-side-panel-toggle='preview']").click()
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    context.close()
    # The preview panel may still be posting: the test thread writes next.
    finish_server_requests()

    learner_context = signed_in_context(browser, live_server, learner, violations)
    learner_page = learner_context.new_page()
    response = learner_page.goto(live_server.url + lesson.url, wait_until="networkidle")
    assert response.status == 200
    assert learner_page.get_by_role("heading", level=1).inner_text() == "Why stories matter"
    learner_context.close()

    assert violations == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_setting_up_two_step_sign_in_see_the_qr_code(browser, live_server):
    # allauth shows the TOTP QR code as a data: image, hence img-src data:.
    violations: list[dict] = []
    context = signed_in_context(browser, live_server, TrainerFactory(), violations)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/2fa/totp/activate/", wait_until="networkidle")
    # Setting it up asks for the password again first.
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state("networkidle")
    qr = page.locator("img[src^='data:image/svg+xml']")
    assert qr.count() == 1
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    context.close()
    assert violations == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_violation_listener_does_report_a_blocked_inline_script(browser, live_server):
    # Proves the test above could fail: the public policy blocks inline script.
    violations: list[dict] = []
    context = signed_in_context(browser, live_server, LearnerFactory(), violations)
    page = context.new_page()
    page.goto(live_server.url + "/verify/", wait_until="networkidle")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.appendChild(s); }"
    )
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.ran === undefined")
    context.close()
    assert [v["directive"] for v in violations] == ["script-src-elem"]
