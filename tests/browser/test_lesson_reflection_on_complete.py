"""Issue #19: a reflection typed but not saved is kept when the learner presses
"Mark lesson complete", with JavaScript and without, at 1280 and 360 px; and the
dashboard shows a pending request to join (axe: nothing serious)."""

import re
from pathlib import Path

import pytest

from courses import site_setup as courses_setup
from courses.models import CourseIndexPage, LessonCompletion, Reflection
from tests.browser.helpers import sign_in
from tests.browser.test_accessibility import axe_problems
from tests.conftest import DESKTOP, PHONE
from tests.courses.factories import CoursePageFactory, LessonPageFactory, block, enroll, reflection
from tests.programs.factories import JoinRequestFactory
from tests.training.factories import LearnerFactory
from training.site_setup import setup_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = Path("/tmp/shots-joining")
QUESTION = "When did someone's story help you?"


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize(
    ("viewport", "javascript"), [(DESKTOP, True), (PHONE, True), (PHONE, False)]
)
def test_complete_keeps_a_reflection_typed_but_not_saved(
    live_server, browser, viewport, javascript
):
    setup_site(log=lambda *_: None)
    courses_setup.setup_site(log=lambda *_: None)
    course = CoursePageFactory(parent=CourseIndexPage.objects.get(), title="Sharing stories")
    lesson = LessonPageFactory(
        parent=course,
        title="Why stories matter",
        body=[
            block("rich_text", "<p>Sharing a little of your story can help someone hope.</p>"),
            reflection(QUESTION),
        ],
    )
    learner = enroll(course).learner
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, learner)
        page.goto(live_server.url + lesson.url)
        page.get_by_label(QUESTION).fill("A peer told me about her first year.")
        name = f"lesson-before-complete-{viewport['width']}{'' if javascript else '-nojs'}"
        shot(page, name)
        page.get_by_role("button", name="Mark lesson complete").click()
        page.wait_for_url(re.compile(r"#lesson-progress$"))
        page.reload()
        assert page.get_by_label(QUESTION).input_value() == "A peer told me about her first year."
        assert page.get_by_role("heading", name="You have completed this lesson").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        shot(page, name.replace("before", "after"))
        if javascript:
            assert axe_problems(page, name) == []
        # Saving again once the lesson is done still works (the form stays).
        page.get_by_label(QUESTION).fill("A peer told me about her first year, and I hoped.")
        page.get_by_role("button", name="Update my answer").click()
        page.wait_for_url(re.compile(r"#reflection-"))
    finally:
        context.close()
    assert LessonCompletion.objects.filter(learner=learner, lesson=lesson).exists()
    assert Reflection.objects.get(author=learner).text.endswith("and I hoped.")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE])
def test_the_dashboard_shows_a_pending_request(live_server, browser, viewport):
    setup_site(log=lambda *_: None)
    from programs.services import join_request_decline
    from tests.training.factories import CoordinatorFactory

    learner = LearnerFactory(first_name="Drew")
    JoinRequestFactory(person=learner, program__title="Certified Peer Recovery Mentor")
    declined = JoinRequestFactory(person=learner, program__title="Family Peer Support")
    join_request_decline(
        join_request=declined,
        decided_by=CoordinatorFactory(),
        note="The next cohort opens in March; please ask again then.",
    )
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, learner)
        assert page.get_by_text(
            re.compile("You asked to join Certified Peer Recovery")
        ).is_visible()
        assert not page.get_by_role("link", name="ask to join a program").count()
        assert page.get_by_text("The next cohort opens in March").is_visible()
        assert page.get_by_role("link", name="ask to join Family Peer Support again").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        shot(page, f"dashboard-pending-request-{viewport['width']}")
        assert axe_problems(page, "dashboard pending request") == []
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE])
def test_the_approve_form_starts_from_the_open_cohort(live_server, browser, viewport):
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.browser.helpers import SECRET
    from tests.programs.factories import CohortFactory
    from tests.training.factories import CoordinatorFactory

    setup_site(log=lambda *_: None)
    join_request = JoinRequestFactory(program__title="Certified Peer Recovery Mentor")
    CohortFactory(program=join_request.program, name="November 2026 cohort")
    coordinator = CoordinatorFactory()
    TOTP.activate(coordinator, SECRET)
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        sign_in(page, live_server.url, coordinator, totp=True)
        page.goto(f"{live_server.url}/admin/programs/join-requests/edit/{join_request.pk}/")
        cohort = page.get_by_label("Cohort")
        assert cohort.locator("option:checked").inner_text().startswith("November 2026 cohort")
        shot(page, f"admin-join-request-decide-{viewport['width']}")
        assert axe_problems(page, "join request decide") == []
    finally:
        context.close()
