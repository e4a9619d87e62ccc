"""The coordinator's cockpit on the admin home (dashboard/cockpit.py,
charts.py, panels.py): the numbers, the pictures, who sees them, the cost."""

import datetime
import re
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import CourseCompletion
from dashboard.cockpit import coordinator_cockpit
from practice.models import HoursEntry
from tests.certificates.factories import CertificateFactory
from tests.certificates.scenario import SECRET, Scenario, coordinator_client
from tests.dashboard.cockpit_scenario import CockpitScenario
from tests.practice.factories import HoursEntryFactory, activity
from tests.programs.factories import CohortFactory, EnrollmentFactory, JoinRequestFactory, domain
from tests.training.factories import (
    LeadTrainerFactory,
    SupervisorFactory,
    TrainerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

STAGES = ["Enrolled", "Courses passed", "Hours complete", "Eligible", "Certified"]


def home(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def panel(soup, panel_id):
    return soup.find(id=f"{panel_id}-section")


def table_numbers(table) -> list[str]:
    return [cell.get_text(strip=True) for cell in table.select("td[data-value]")]


def chart_numbers(svg) -> list[str]:
    # Each row draws its label, then its value (bold, right-aligned).
    return [text.get_text(strip=True) for text in svg.select('text[font-weight="bold"]')]


# --- The numbers ------------------------------------------------------------------------------


def test_the_numbers_on_a_small_realistic_scenario(site):
    scenario = CockpitScenario()
    cockpit = coordinator_cockpit()

    by_title = {program.title: program for program in cockpit.programs}
    mentor = by_title["Peer Recovery Mentor"]
    assert [count for _, _, count in mentor.funnel.stages()] == [4, 3, 2, 2, 1]
    cohorts = {cohort.name: cohort.funnel for cohort in mentor.cohorts}
    assert [c for _, _, c in cohorts["Spring"].stages()] == [2, 2, 2, 2, 1]
    assert [c for _, _, c in cohorts["Autumn"].stages()] == [2, 1, 0, 0, 0]
    # Approved practice only: 7 + 1 in Advocacy, 3 in Mentoring (supervision and
    # waiting hours are left out).
    assert mentor.hours_by_domain == [
        ("Advocacy", Decimal("8")),
        ("Mentoring and Education", Decimal("3")),
    ]
    assert mentor.median_days_to_certificate == 60
    assert mentor.expiring == 1
    family = by_title["Family Peer Support"]
    assert [c for _, _, c in family.funnel.stages()] == [1, 1, 1, 1, 1]
    assert family.median_days_to_certificate == 10
    assert family.expiring == 0

    assert cockpit.waiting.join_requests == 1
    assert cockpit.waiting.invitations == 1
    assert cockpit.waiting.verification == 1  # Riley
    assert cockpit.waiting.renewals == 1
    assert cockpit.expiring_total == 1
    assert [e.code for e in cockpit.expiring_soonest] == [scenario.sam_certificate.code]


def test_a_revoked_certificate_neither_counts_as_certified_nor_queues(site):
    scenario = Scenario().make_eligible()
    CertificateFactory(enrollment=scenario.enrollment, revoked_at=timezone.now())

    cockpit = coordinator_cockpit()

    program = cockpit.programs[0]
    assert program.funnel.certified == 0
    assert program.funnel.eligible == 1
    assert program.median_days_to_certificate is None
    # The case is closed until a coordinator re-opens it, as in the queue.
    assert cockpit.waiting.verification == 0


def test_a_superseded_course_completion_no_longer_counts(site):
    scenario = Scenario()
    CourseCompletion.objects.create(
        learner=scenario.learner,
        course=scenario.course,
        course_title="Old",
        completed_at=timezone.now(),
        superseded_at=timezone.now(),
    )

    assert coordinator_cockpit().programs[0].funnel.courses == 0


def test_hours_short_in_one_domain_are_not_complete(site):
    # Totals reached (10 practice, 2 supervision) but only 1 of the 3 hours
    # Mentoring and Education asks.
    scenario = Scenario()
    scenario.complete_lessons()
    scenario.pass_quiz()
    scenario.approve(1, "4", "advocacy")
    scenario.approve(2, "4", "advocacy")
    scenario.approve(3, "1", "mentoring-education")
    scenario.approve(4, "1", "advocacy")
    scenario.approve(5, "2", "advocacy", kind="Supervision")

    funnel = coordinator_cockpit().programs[0].funnel
    assert (funnel.courses, funnel.hours) == (1, 0)


def test_the_verification_count_matches_the_queue_page(client, site):
    CockpitScenario()
    coordinator_client(client)

    queue = client.get("/admin/certification/queue/").content.decode()
    waiting = panel(home(client), "cockpit-waiting")

    assert queue.count('href="/admin/certification/enrollments/') == 1
    link = waiting.find("a", href="/admin/certification/queue/")
    assert link.find(class_="cockpit-waiting__count").get_text(strip=True) == "1"


# --- The page ---------------------------------------------------------------------------------


def test_charts_are_svg_images_with_a_title_a_description_and_the_same_numbers_as_the_table(
    client, site
):
    scenario = CockpitScenario()
    coordinator_client(client)

    soup = home(client)

    program = panel(soup, f"cockpit-{scenario.program.pk}")
    assert program is not None
    svgs = program.find_all("svg", class_="cockpit-chart")
    assert len(svgs) == 3  # funnel, cohorts, hours
    for svg in svgs:
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text(strip=True)
        assert svg.find("desc", id=desc_id).get_text(strip=True)
        table = program.find("table", attrs={"data-chart": svg.find("title")["id"][:-6]})
        assert chart_numbers(svg) == table_numbers(table)
    funnel = program.find("table", attrs={"data-chart": f"cockpit-{scenario.program.pk}-funnel"})
    assert [th.get_text(strip=True) for th in funnel.select("tbody th")] == STAGES
    assert table_numbers(funnel) == ["4", "3", "2", "2", "1"]
    desc = program.find("desc", id=f"cockpit-{scenario.program.pk}-funnel-desc").get_text()
    assert "Enrolled: 4; Courses passed: 3; Hours complete: 2; Eligible: 2; Certified: 1" in desc
    hours = program.find("table", attrs={"data-chart": f"cockpit-{scenario.program.pk}-hours"})
    assert table_numbers(hours) == ["8", "3"]
    cohorts = program.find("table", attrs={"data-chart": f"cockpit-{scenario.program.pk}-cohorts"})
    assert [th.get_text(strip=True) for th in cohorts.select("tbody th")] == ["Spring", "Autumn"]
    assert "60" in program.find(class_="cockpit-big").get_text()
    # Each table scrolls in its own focusable, named region on a phone.
    for region in program.select(".cockpit-table"):
        assert region["role"] == "region" and region["tabindex"] == "0"
        assert soup.find(id=region["aria-labelledby"]).name == "caption"

    expiring = panel(soup, "cockpit-expiring")
    link = expiring.find("a", string=scenario.sam_certificate.code)
    assert link["href"] == f"/admin/issued-certificates/inspect/{scenario.sam_certificate.pk}/"
    waiting = panel(soup, "cockpit-waiting")
    counts = {
        a["href"]: a.find(class_="cockpit-waiting__count").get_text(strip=True)
        for a in waiting.select("a.cockpit-waiting__link")
    }
    assert counts == {
        "/admin/programs/join-requests/?status=pending": "1",
        "/admin/programs/invitations/": "1",
        "/admin/certification/queue/": "1",
        "/admin/renewals/queue/": "1",
    }
    # Programs' own join requests panel is folded into "what waits".
    assert panel(soup, "pending-join-requests") is None


def test_labels_are_escaped(client, site):
    CockpitScenario(title='<script>alert("x")</script> & co')
    coordinator_client(client)

    html = client.get("/admin/").content.decode()

    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html


def test_the_chart_scales_and_uses_no_inline_style(client, site):
    CockpitScenario()
    coordinator_client(client)

    soup = home(client)

    for svg in soup.find_all("svg", class_="cockpit-chart"):
        # (the HTML parser lowers attribute names)
        assert re.fullmatch(r"0 0 \d+ \d+", svg["viewbox"])
        assert svg.find(attrs={"style": True}) is None and not svg.get("style")


# --- Who sees it -----------------------------------------------------------------------------


@pytest.mark.parametrize("factory", [SupervisorFactory, TrainerFactory, LeadTrainerFactory])
def test_other_staff_do_not_see_the_cockpit(client, site, factory):
    CockpitScenario()
    person = factory()
    TOTP.activate(person, SECRET)
    client.force_login(person)

    html = client.get("/admin/").content.decode()

    assert 'class="w-panel w-panel--dashboard cockpit"' not in html
    assert "cockpit-chart" not in html
    assert "Peer Recovery Mentor" not in html


def test_an_administrator_sees_it(client, site):
    CockpitScenario()
    admin = UserFactory(is_superuser=True)
    TOTP.activate(admin, SECRET)
    client.force_login(admin)

    assert panel(home(client), "cockpit-waiting") is not None


# --- What it costs ---------------------------------------------------------------------------


def grow(program, *, cohorts: int, learners: int):
    """More cohorts and learners at every stage in `program`."""
    course = program.required_courses.first().course
    for c in range(cohorts):
        cohort = CohortFactory(program=program, start_date=timezone.localdate())
        for n in range(learners):
            enrollment = EnrollmentFactory(cohort=cohort, supervisor=None)
            if n % 2:
                CourseCompletion.objects.create(
                    learner=enrollment.learner,
                    course=course,
                    course_title=course.title,
                    completed_at=timezone.now(),
                )
            if n % 3 == 0:
                HoursEntryFactory(
                    enrollment=enrollment,
                    domain=domain("mentoring-education"),
                    activity_type=activity(program),
                    status=HoursEntry.Status.APPROVED,
                )
            if n % 4 == 0:
                CertificateFactory(
                    enrollment=enrollment,
                    issued_on=timezone.localdate(),
                    expires_on=timezone.localdate() + datetime.timedelta(days=c + n + 1),
                )
        JoinRequestFactory(program=program)


def test_the_home_costs_the_same_number_of_queries_at_any_size(
    client, site, django_assert_num_queries
):
    small = Scenario().make_eligible()  # 1 program, 1 cohort, 2 learners
    EnrollmentFactory(cohort=small.enrollment.cohort)
    coordinator_client(client)
    client.get("/admin/")  # content caches filled
    with CaptureQueriesContext(connection) as queries:
        client.get("/admin/")
    count = len(queries)

    for title in ("Second", "Third"):
        grow(CockpitScenario(title, course_title=f"{title} course").program, cohorts=3, learners=8)
    grow(small.program, cohorts=2, learners=6)
    client.get("/admin/")

    with django_assert_num_queries(count):
        response = client.get("/admin/")
    assert len(coordinator_cockpit().programs) == 5
    assert b"cockpit-" in response.content


def test_the_cockpit_reads_in_eight_queries(site, django_assert_num_queries):
    CockpitScenario()

    with django_assert_num_queries(8):
        coordinator_cockpit()


def test_the_figures_are_kept_for_a_while_and_the_page_says_when_they_were_counted(
    client, site, settings, django_assert_num_queries
):
    """At 10,000 learners the funnel query is most of the home's time
    (bench/RESULTS.md): with COCKPIT_FIGURES_SECONDS set, a second visit reads
    the per-program figures from the cache, and the page says when they were
    counted; what waits is read again every time."""
    from django.core.cache import cache

    cache.clear()
    settings.COCKPIT_FIGURES_SECONDS = 120
    scenario = CockpitScenario()
    with django_assert_num_queries(8):
        first = coordinator_cockpit()
    with django_assert_num_queries(6):
        second = coordinator_cockpit()
    assert second.counted_at == first.counted_at
    assert second.programs[0].funnel == first.programs[0].funnel

    JoinRequestFactory(program=scenario.program)  # what waits is always current
    assert coordinator_cockpit().waiting.join_requests == first.waiting.join_requests + 1

    coordinator_client(client)
    text = home(client).get_text(" ", strip=True)
    local = timezone.localtime(first.counted_at)
    assert f"Counted at {local:%H:%M}; counted again when 2 minutes have passed" in text

    settings.COCKPIT_FIGURES_SECONDS = 0  # off: counted on every visit
    with django_assert_num_queries(8):
        assert coordinator_cockpit().counted_at > first.counted_at
    cache.clear()


# --- The chart builder (pure) ----------------------------------------------------------------


def test_a_long_label_is_cut_in_the_picture_and_kept_whole_in_the_description():
    from dashboard import charts

    label = "Recovery support and wellness planning with families"
    chart = charts.bar_chart(chart_id="c", title="Hours", items=[(label, Decimal("2.5"))])

    assert chart.rows[0].short_label.endswith("…")
    assert len(chart.rows[0].short_label) <= charts.LABEL_CHARS
    assert chart.description == f"{label}: 2.5"


def test_stacked_parts_fill_the_bar_and_empty_charts_say_so():
    from dashboard import charts

    chart = charts.stacked_chart(
        chart_id="c", title="Cohorts", parts=["A", "B", "C"], rows=[("Spring", [1, 0, 3])]
    )

    rects = chart.rows[0].rects
    assert [r.title for r in rects] == ["A: 1", "C: 3"]
    assert sum(r.width for r in rects) == pytest.approx(charts.WIDTH - 2 * charts.PAD, abs=0.2)
    assert chart.description == "Spring: A 1, B 0, C 3."
    assert charts.bar_chart(chart_id="e", title="None", items=[]).description == "No data yet."


def test_the_cockpit_names_programs_in_the_coordinators_language(client, site):
    scenario = Scenario().make_eligible()
    program = scenario.enrollment.program
    program.title_es = "Mentoría Certificada de Recuperación entre Pares"
    program.save(update_fields=["title_es"])
    CertificateFactory(enrollment=scenario.enrollment)
    coordinator = coordinator_client(client)
    coordinator.language = "es"
    coordinator.save(update_fields=["language"])
    page = home(client).get_text()
    assert "Mentoría Certificada de Recuperación entre Pares" in page
    assert program.title not in page
    # The hours-by-domain chart and table name the domains in Spanish too.
    assert "Defensa de derechos" in page and "Advocacy" not in page
    coordinator.language = "en"
    coordinator.save(update_fields=["language"])
    assert program.title in home(client).get_text()
