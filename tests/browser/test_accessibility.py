"""Accessibility of the learner journey, in a real browser.

Every page is scanned with axe-core (WCAG 2.0/2.1/2.2 A and AA rules) and
must have no serious or critical violation; the quiz can be taken with the
keyboard alone; text at 200% and a 360 px screen hide nothing sideways."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from assessments.models import Attempt
from assessments.services import attempt_start
from tests.browser.helpers import sign_in
from tests.certificates.factories import CertificateFactory
from tests.certificates.scenario import Scenario
from tests.conftest import DESKTOP, PHONE, save_screenshot
from tests.courses.factories import LessonPageFactory, every_block_body
from tests.practice.factories import hours_enrollment
from tests.training.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


def axe_problems(page, name: str, skip_rules: tuple[str, ...] = ()) -> list[str]:
    """The serious and critical axe violations on the page, one readable line each."""
    page.wait_for_load_state("load")
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    if skip_rules:
        options["rules"] = {rule: {"enabled": False} for rule in skip_rules}
    results = Axe().run(page, options=options)
    problems = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        targets = "; ".join(", ".join(node["target"]) for node in violation["nodes"])
        problems.append(
            f"{name}: {violation['id']} ({violation['impact']}) {violation['help']} -> {targets}"
        )
    return problems


def scan(page, url: str, name: str, *, expect: str, skip_rules: tuple[str, ...] = ()):
    page.goto(url)
    # The page really is the one meant (not a sign-in redirect or an error page).
    assert expect in page.content(), f"{name}: {expect!r} not on {page.url}"
    return axe_problems(page, name, skip_rules)


def journey():
    """A learner with progress, approved hours, a passed quiz and a signed code
    of ethics; a lesson with every block type; a certificate valid and one revoked."""
    scenario = Scenario().make_eligible()
    lesson = LessonPageFactory(
        parent=scenario.course, title="Every kind of block", body=every_block_body()
    )
    return scenario, lesson


def test_public_pages_have_no_serious_violations(live_server, desktop_page, site):
    scenario, _lesson = journey()
    valid = CertificateFactory(enrollment=scenario.enrollment)
    from django.utils import timezone

    revoked = CertificateFactory(
        enrollment=hours_enrollment(scenario.program), revoked_at=timezone.now()
    )
    base = live_server.url
    page = desktop_page
    problems = []
    problems += scan(page, base + "/", "home", expect="<h1")
    problems += scan(page, base + "/accounts/signup/", "sign-up", expect="Password")
    problems += scan(page, base + "/accounts/login/", "login", expect="Password")
    problems += scan(page, base + "/courses/", "catalogue", expect=scenario.course.title)
    problems += scan(page, base + scenario.course.url, "course", expect=scenario.course.title)
    problems += scan(page, base + "/verify/", "verify form", expect="Certificate number")
    problems += scan(page, base + f"/verify/{valid.code}/", "verify valid", expect="Valid")
    problems += scan(page, base + f"/verify/{revoked.code}/", "verify revoked", expect="Revoked")
    save_screenshot(page, "a11y-verify-revoked-desktop")
    assert problems == [], "\n".join(problems)


def test_learner_pages_have_no_serious_violations(live_server, desktop_page, site):
    scenario, lesson = journey()
    CertificateFactory(enrollment=scenario.enrollment)
    passed = Attempt.objects.get(learner=scenario.learner, quiz=scenario.quiz)
    base = live_server.url
    slug = scenario.program.slug
    page = desktop_page
    sign_in(page, base, scenario.learner)
    problems = []
    problems += scan(page, base + "/dashboard/", "dashboard", expect=scenario.course.title)
    save_screenshot(page, "a11y-dashboard-desktop")
    problems += scan(page, base + lesson.url, "lesson", expect="Warning signs to notice")
    problems += scan(page, base + scenario.quiz.url, "quiz page", expect=scenario.quiz.title)
    problems += scan(
        page, base + f"/quizzes/attempts/{passed.pk}/result/", "quiz result", expect="passed"
    )
    problems += scan(page, base + f"/programs/{slug}/hours/", "hours log", expect="Peer support")
    problems += scan(page, base + f"/programs/{slug}/hours/new/", "log hours", expect="Hours")
    problems += scan(page, base + f"/certificates/ethics/{slug}/", "ethics", expect="dignity")
    # The certificate's PDF is not made yet: the page says it is being prepared.
    problems += scan(page, base + "/certificates/", "my certificates", expect="being prepared")

    # The quiz while it is being taken: a learner who has not tried it yet.
    newcomer = hours_enrollment(scenario.program).learner
    attempt = attempt_start(learner=newcomer, quiz=scenario.quiz)
    page.context.clear_cookies()
    sign_in(page, base, newcomer)
    problems += scan(
        page, base + f"/quizzes/attempts/{attempt.pk}/", "quiz taking", expect="Submit my answers"
    )
    assert problems == [], "\n".join(problems)


# --- Keyboard only -------------------------------------------------------------


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches the CSS selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def focus_is_visible(page) -> bool:
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        }"""
    )


def test_sign_in_and_take_the_quiz_with_the_keyboard_only(live_server, desktop_page, site):
    scenario = Scenario()
    scenario.complete_lessons()
    page = desktop_page
    page.goto(live_server.url + "/accounts/login/")

    # The skip link comes first, and a focused link shows where it is.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.tagName") == "A"
    assert focus_is_visible(page), "a focused link has no visible outline"

    tab_to(page, "input[name=login]")
    page.keyboard.type(scenario.learner.email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    tab_to(page, "form button[type=submit]")
    assert focus_is_visible(page), "a focused button has no visible outline"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/$"))

    # Dashboard -> course with Tab and Enter. No page links to the quiz yet
    # (the course page lists lessons only), so the quiz page is opened by address.
    tab_to(page, f'main a[href="{scenario.course.url}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(scenario.course.url) + "$"))
    page.goto(live_server.url + scenario.quiz.url)
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/quizzes/attempts/\d+/$"))

    # Every question: Tab into it, Space ticks the focused choice; in a radio
    # group the arrow key moves to (and picks) the next choice.
    questions = page.locator(".question")
    count = questions.count()
    assert count == 4
    for number in range(1, count + 1):
        tab_to(page, f"#question-{number} input")
        kind = page.evaluate("() => document.activeElement.type")
        page.keyboard.press("Space")
        if kind == "radio":
            page.keyboard.press("ArrowDown")
            page.keyboard.press("ArrowUp")
        assert page.evaluate("() => document.activeElement.checked"), f"question {number}"
    for number in range(1, count + 1):
        assert page.locator(f"#question-{number} input:checked").count() >= 1
    save_screenshot(page, "a11y-quiz-keyboard-desktop")

    tab_to(page, "form.quiz-form button[type=submit]")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/result/$"))
    assert page.get_by_role("heading", level=1).is_visible()
    attempt = Attempt.objects.get(learner=scenario.learner, quiz=scenario.quiz)
    assert attempt.submitted_at is not None
    assert len(attempt.responses) == count
    assert axe_problems(page, "quiz result after keyboard") == []


# --- Zoom and narrow screens ---------------------------------------------------


def no_sideways_overflow(page, name: str) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] + 1, f"{name}: content is {widths[0]}px wide in {widths[1]}px"


def test_text_at_200_percent_and_360px_hides_nothing(live_server, desktop_page, site):
    scenario, lesson = journey()
    newcomer = hours_enrollment(scenario.program).learner
    attempt = attempt_start(learner=newcomer, quiz=scenario.quiz)
    valid = CertificateFactory(enrollment=scenario.enrollment)
    base = live_server.url
    page = desktop_page
    sign_in(page, base, scenario.learner)
    learner_pages = [
        ("dashboard", "/dashboard/", scenario.course.title),
        ("lesson", lesson.url, "Warning signs to notice"),
        ("verify", f"/verify/{valid.code}/", valid.code),
    ]
    for width, zoom in ((DESKTOP, "200%"), (PHONE, "100%")):
        page.set_viewport_size(width)
        for name, path, key in learner_pages:
            page.goto(base + path)
            page.evaluate("z => { document.documentElement.style.fontSize = z; }", zoom)
            no_sideways_overflow(page, f"{name} at {zoom}, {width['width']}px")
            assert page.get_by_role("heading", level=1).is_visible()
            assert page.get_by_text(key).first.is_visible(), f"{name}: {key!r} hidden"
            save_screenshot(page, f"a11y-{name}-{zoom.rstrip('%')}-{width['width']}")

    page.context.clear_cookies()
    sign_in(page, base, newcomer)
    for width, zoom in ((DESKTOP, "200%"), (PHONE, "100%")):
        page.set_viewport_size(width)
        page.goto(base + f"/quizzes/attempts/{attempt.pk}/")
        page.evaluate("z => { document.documentElement.style.fontSize = z; }", zoom)
        no_sideways_overflow(page, f"quiz taking at {zoom}, {width['width']}px")
        submit = page.get_by_role("button", name="Submit my answers")
        submit.scroll_into_view_if_needed()
        assert submit.is_visible()
        assert page.locator(".question label").first.is_visible()
        save_screenshot(page, f"a11y-quiz-take-{zoom.rstrip('%')}-{width['width']}")
