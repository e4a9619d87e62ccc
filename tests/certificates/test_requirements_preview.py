"""Changing a program's requirements shows, before saving, who would become
eligible for the certificate and who would stop being eligible (issue #16).

Before, a save changed the requirements of every enrolled learner at once.
Now the first save returns the form with the preview and saves nothing; the
preview's button (confirm_requirements=yes) saves. The preview asks the
database the same number of queries however many learners are enrolled.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from certificates.services import attestation_record, certificate_issue
from courses.models import ProgramCourse
from programs.models import Program
from tests.assessments.factories import make_course
from tests.certificates.scenario import Scenario, coordinator_client
from tests.practice.factories import hours_enrollment

pytestmark = pytest.mark.django_db


def program_form(program: Program, **changes) -> dict:
    """What the edit page posts for `program` as saved, with `changes`:
    field values, or `required_courses` / `domain_requirements` as lists of
    row dicts (an existing row keeps its "id")."""
    courses = changes.pop(
        "required_courses",
        [
            {"id": link.pk, "course": link.course_id}
            for link in program.required_courses.order_by("sort_order", "pk")
        ],
    )
    domains = changes.pop(
        "domain_requirements",
        [
            {
                "id": row.pk,
                "domain": row.domain_id,
                "training_hours_min": str(row.training_hours_min),
                "practice_hours_min": str(row.practice_hours_min),
            }
            for row in program.domain_requirements.all()
        ],
    )
    activity_types = [
        {"id": a.pk, "name": a.name, "counts_as": a.counts_as, "is_active": "on"}
        for a in program.activity_types.all()
    ]

    def number(value):
        return "" if value is None else str(value)

    fields = {
        "title": program.title,
        "slug": program.slug,
        "credential_title": program.credential_title,
        "description": program.description,
        "accepts_join_requests": "on" if program.accepts_join_requests else "",
        "practice_hours_required": number(program.practice_hours_required),
        "supervision_hours_required": number(program.supervision_hours_required),
        "max_hours_per_entry": number(program.max_hours_per_entry),
        "max_hours_per_day": number(program.max_hours_per_day),
        "max_hours_per_week": number(program.max_hours_per_week),
    }
    fields.update(changes)
    for order, row in enumerate(courses, start=1):  # as the page's arrows set it
        row.setdefault("ORDER", str(order))
    return nested_form_data(
        {
            **fields,
            "required_courses": inline_formset(courses, initial=program.required_courses.count()),
            "domain_requirements": inline_formset(
                domains, initial=program.domain_requirements.count()
            ),
            "activity_types": inline_formset(
                activity_types, initial=program.activity_types.count()
            ),
        }
    )


def edit_url(program):
    return reverse("programs_program:edit", args=[program.pk])


@pytest.fixture
def cohort(site):
    """Riley is eligible; Sam has done everything but 2 practice hours in Advocacy."""
    riley = Scenario().make_eligible()
    sam = copy.copy(riley)  # the same program, course and quiz; another learner
    sam.enrollment = hours_enrollment(riley.program)
    sam.learner = sam.enrollment.learner
    sam.learner.first_name, sam.learner.last_name = "Sam", "Ortiz"
    sam.learner.certificate_name = "Sam Ortiz"
    sam.learner.save()
    sam.complete_lessons()
    sam.pass_quiz()
    sam.approve(1, "4", "advocacy")
    sam.approve(2, "3", "mentoring-education")
    sam.approve(3, "1", "advocacy")  # 8 practice hours: 2 short of the 10 in all
    sam.approve(4, "2", "advocacy", kind="Supervision")
    attestation_record(learner=sam.learner, program=sam.program, typed_name="Sam Ortiz")
    riley.learner.first_name, riley.learner.last_name = "Riley", "Morgan"
    riley.learner.save()
    return riley, sam


def test_raising_the_hours_shows_who_stops_being_eligible_and_saves_nothing(client, cohort):
    riley, sam = cohort
    coordinator_client(client)
    program = riley.program

    response = client.post(edit_url(program), program_form(program, practice_hours_required="12"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing is saved yet" in page
    preview = response.context["requirements_preview"]
    assert preview.no_longer_eligible == ("Riley Morgan",)
    assert preview.becoming_eligible == ()
    assert preview.staying_not_eligible == 1  # Sam
    assert "Riley Morgan" in page
    program.refresh_from_db()
    assert program.practice_hours_required == Decimal("10")


def test_lowering_the_hours_shows_who_becomes_eligible(client, cohort):
    riley, sam = cohort
    coordinator_client(client)
    program = riley.program

    response = client.post(edit_url(program), program_form(program, practice_hours_required="8"))

    preview = response.context["requirements_preview"]
    assert preview.becoming_eligible == ("Sam Ortiz",)
    assert preview.staying_eligible == 1
    assert preview.no_longer_eligible == ()


def test_the_preview_button_saves(client, cohort):
    riley, sam = cohort
    coordinator_client(client)
    program = riley.program
    data = program_form(program, practice_hours_required="8")

    response = client.post(edit_url(program), {**data, "confirm_requirements": "yes"})

    assert response.status_code == 302
    program.refresh_from_db()
    assert program.practice_hours_required == Decimal("8")


def test_a_new_required_course_is_previewed_and_not_added(client, cohort):
    riley, sam = cohort
    coordinator_client(client)
    program = riley.program
    extra = make_course("Relapse Warning Signs")
    rows = [{"id": link.pk, "course": link.course_id} for link in program.required_courses.all()]

    response = client.post(
        edit_url(program),
        program_form(program, required_courses=[*rows, {"course": extra.pk}]),
    )

    preview = response.context["requirements_preview"]
    assert preview.no_longer_eligible == ("Riley Morgan",)
    assert not ProgramCourse.objects.filter(program=program, course=extra).exists()
    # The rows drawn again keep what was typed, so the coordinator can confirm.
    assert f'value="{extra.pk}"' in response.content.decode()


def test_a_new_domain_minimum_is_previewed(client, cohort):
    riley, sam = cohort
    coordinator_client(client)
    program = riley.program
    rows = [
        {
            "id": row.pk,
            "domain": row.domain_id,
            "training_hours_min": str(row.training_hours_min),
            "practice_hours_min": "9" if row.domain.slug == "advocacy" else "3",
        }
        for row in program.domain_requirements.select_related("domain")
    ]

    response = client.post(edit_url(program), program_form(program, domain_requirements=rows))

    assert response.context["requirements_preview"].no_longer_eligible == ("Riley Morgan",)
    assert program.domain_requirements.get(domain__slug="advocacy").practice_hours_min == 4


def test_a_holder_of_a_certificate_is_counted_apart(client, cohort):
    riley, sam = cohort
    coordinator = coordinator_client(client)
    certificate_issue(
        enrollment_id=riley.enrollment.pk, issued_by=coordinator, name_as_printed="Riley Morgan"
    )

    response = client.post(
        edit_url(riley.program), program_form(riley.program, practice_hours_required="12")
    )

    preview = response.context["requirements_preview"]
    assert preview.certified == 1
    assert preview.enrolled == 2
    assert preview.no_longer_eligible == ()
    assert "Issued certificates do not change" in response.content.decode()


@pytest.mark.parametrize(
    "changes",
    [{"title": "Peer Mentor Foundations, 2027"}, {"description": "Now with evening cohorts."}],
)
def test_a_change_that_asks_nothing_new_saves_at_once(client, cohort, changes):
    riley, sam = cohort
    coordinator_client(client)

    response = client.post(edit_url(riley.program), program_form(riley.program, **changes))

    assert response.status_code == 302


def test_a_new_order_of_the_courses_saves_at_once(client, cohort):
    riley, sam = cohort
    coordinator_client(client)
    program = riley.program
    second = make_course("Relapse Warning Signs")
    program.required_courses.update(sort_order=0)
    ProgramCourse.objects.create(program=program, course=second, sort_order=1)
    links = list(program.required_courses.order_by("sort_order"))
    # The arrows leave each row where it is and swap the ORDER values.
    rows = [
        {"id": link.pk, "course": link.course_id, "ORDER": str(len(links) - n)}
        for n, link in enumerate(links)
    ]

    response = client.post(edit_url(program), program_form(program, required_courses=rows))

    assert response.status_code == 302
    assert [link.course_id for link in program.required_courses.order_by("sort_order")] == [
        second.pk,
        riley.course.pk,
    ]


def test_a_program_nobody_is_enrolled_in_saves_at_once(client, site):
    scenario = Scenario()
    scenario.enrollment.delete()
    coordinator_client(client)

    response = client.post(
        edit_url(scenario.program), program_form(scenario.program, practice_hours_required="30")
    )

    assert response.status_code == 302


def test_the_preview_takes_the_same_queries_for_more_learners(client, site):
    scenario = Scenario().make_eligible()
    program = scenario.program
    coordinator_client(client)

    def preview_queries():
        data = program_form(program, practice_hours_required="12")
        with CaptureQueriesContext(connection) as queries:
            response = client.post(edit_url(program), data)
        assert response.context["requirements_preview"] is not None
        return len(queries)

    preview_queries()  # the first read records the finished course; later reads only read it
    for _ in range(2):
        hours_enrollment(program)
    with_three = preview_queries()
    for _ in range(4):
        hours_enrollment(program)
    with_seven = preview_queries()
    assert with_three == with_seven
