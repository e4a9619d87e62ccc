"""Hand-edited inline rows in the Wagtail admin never answer 500.

A browser posts a formset's management fields (TOTAL_FORMS, INITIAL_FORMS) and
each row's hidden fields (id, ORDER, DELETE, a chooser's page id) exactly as the
page wrote them. Someone who edits them by hand (or a page left open while
another person changed the rows) used to crash django-modelcluster, Wagtail's
InlinePanel or its page chooser. Each case here gets the form back with an
error, and nothing is saved; or the value is harmless and tidied up.

Covered: a program's required courses (and its other inlines) in the programs
admin, and a course page's domain credits in the page editor.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import CourseDomainCredit, LessonPage, ProgramCourse
from programs.models import ActivityType, Program, ProgramDomainRequirement
from tests.assessments.factories import make_course
from tests.practice.factories import hours_program
from tests.programs.factories import domain
from tests.reliability.test_fuzz import FormFields, staff
from tests.training.factories import CoordinatorFactory, LeadTrainerFactory
from training.inline_forms import ROWS_AT_MOST

pytestmark = pytest.mark.django_db

TAMPERED = "reload the page"  # in the message for rows that don't match the saved ones
REQUIRED = "This field is required."
NOT_A_CHOICE = "Select a valid choice."


def page_form(client: Client, url: str) -> dict[str, str]:
    """The values the browser would post from the edit page at `url`."""
    response = client.get(url)
    assert response.status_code == 200
    parser = FormFields()
    parser.feed(response.content.decode())
    return {name: values[0] for name, values in max(parser.forms, key=len).items()}


def apply(form: dict[str, str], changes: dict, names: dict[str, str]) -> dict:
    """`form` with `changes`: None removes a field; values in `names` stand for ids
    only known once the records exist."""
    data = dict(form)
    for field, value in changes.items():
        if value is None:
            data.pop(field, None)
        else:
            data[field] = names.get(value, value) if isinstance(value, str) else value
    return data


# --- A program's inline rows in the programs admin ----------------------------------------


@pytest.fixture
def programs(site):
    """A program requiring courses A then B, another program requiring C, a course
    nobody requires yet (D) and a page that is not a course (a lesson of A)."""
    program, other = hours_program(), hours_program()
    course_a, course_b, course_c, course_d = (make_course(t) for t in ("A", "B", "C", "D"))
    first = ProgramCourse.objects.create(program=program, course=course_a, sort_order=0)
    ProgramCourse.objects.create(program=program, course=course_b, sort_order=1)
    theirs = ProgramCourse.objects.create(program=other, course=course_c, sort_order=0)
    lesson = course_a.add_child(instance=LessonPage(title="Lesson", slug="lesson", body=[]))
    client = Client()
    client.force_login(staff(CoordinatorFactory))
    url = reverse("programs_program:edit", args=[program.pk])
    names = {
        "MY_ROW": str(first.pk),
        "THEIR_ROW": str(theirs.pk),
        "THEIR_REQUIREMENT": str(other.domain_requirements.first().pk),
        "LESSON": str(lesson.pk),
        "HOME": str(site.root_page.pk),
        "COURSE_D": str(course_d.pk),
    }
    return program, client, url, page_form(client, url), names


def saved_programs() -> dict:
    """Every program and inline row, as stored."""
    return {
        "programs": list(Program.objects.order_by("pk").values()),
        "courses": list(ProgramCourse.objects.order_by("pk").values()),
        "requirements": list(ProgramDomainRequirement.objects.order_by("pk").values()),
        "activity types": list(ActivityType.objects.order_by("pk").values()),
    }


RC = "required_courses"

# Posts that must come back with an error and change nothing. Each: the changed
# fields, and the text the page shows about it.
REFUSED_PROGRAM_POSTS = {
    # Row ids: not a number, another program's row, one of ours twice, missing.
    "id not a number": ({f"{RC}-0-id": "abc"}, TAMPERED),
    "id huge": ({f"{RC}-0-id": "99999999999999999999"}, TAMPERED),
    "id of another program's row": ({f"{RC}-0-id": "THEIR_ROW"}, TAMPERED),
    "id of another program's row, other course": (
        {f"{RC}-0-id": "THEIR_ROW", f"{RC}-0-course": "COURSE_D"},
        TAMPERED,
    ),
    "id of our first row twice": ({f"{RC}-1-id": "MY_ROW"}, TAMPERED),
    "id blank": ({f"{RC}-0-id": ""}, TAMPERED),
    "id left out": ({f"{RC}-0-id": None}, TAMPERED),
    "id on a new row": (
        {f"{RC}-TOTAL_FORMS": "3", f"{RC}-2-id": "THEIR_ROW", f"{RC}-2-course": "COURSE_D"},
        TAMPERED,
    ),
    "id of another program's requirement": (
        {"domain_requirements-0-id": "THEIR_REQUIREMENT"},
        TAMPERED,
    ),
    "activity type id not a number": ({"activity_types-0-id": "abc"}, TAMPERED),
    # Management fields.
    "INITIAL_FORMS not a number": ({f"{RC}-INITIAL_FORMS": "abc"}, TAMPERED),
    "INITIAL_FORMS not a number, and a course": (  # the rows are still drawn
        {f"{RC}-INITIAL_FORMS": "abc", f"{RC}-0-course": "\U0001f642" * 1_000},
        TAMPERED,
    ),
    "INITIAL_FORMS negative": ({f"{RC}-INITIAL_FORMS": "-1"}, TAMPERED),
    "INITIAL_FORMS zero": ({f"{RC}-INITIAL_FORMS": "0"}, TAMPERED),
    "INITIAL_FORMS one": ({f"{RC}-INITIAL_FORMS": "1"}, TAMPERED),
    "INITIAL_FORMS above the rows": ({f"{RC}-INITIAL_FORMS": "3"}, TAMPERED),
    "INITIAL_FORMS above the rows, with a new row": (
        {f"{RC}-INITIAL_FORMS": "3", f"{RC}-TOTAL_FORMS": "3", f"{RC}-2-course": "COURSE_D"},
        TAMPERED,
    ),
    "INITIAL_FORMS huge": ({f"{RC}-INITIAL_FORMS": "99999999999999999999"}, TAMPERED),
    "TOTAL_FORMS not a number": ({f"{RC}-TOTAL_FORMS": "abc"}, TAMPERED),
    "TOTAL_FORMS negative": ({f"{RC}-TOTAL_FORMS": "-1"}, TAMPERED),
    "TOTAL_FORMS below the rows": ({f"{RC}-TOTAL_FORMS": "1"}, TAMPERED),
    "TOTAL_FORMS above the rows": ({f"{RC}-TOTAL_FORMS": "5"}, REQUIRED),
    "TOTAL_FORMS above the rows, with another error": (
        {f"{RC}-TOTAL_FORMS": "5", "title": ""},
        REQUIRED,
    ),
    "management fields left out": (
        {f"{RC}-TOTAL_FORMS": None, f"{RC}-INITIAL_FORMS": None},
        TAMPERED,
    ),
    # A row's course.
    "course not a number": ({f"{RC}-0-course": "abc"}, REQUIRED),
    "course huge": ({f"{RC}-0-course": "99999999999999999999"}, REQUIRED),
    "course with a NUL": ({f"{RC}-0-course": "1\x002"}, REQUIRED),
    "course a lesson page": ({f"{RC}-0-course": "LESSON"}, NOT_A_CHOICE),
    "course the home page": ({f"{RC}-0-course": "HOME"}, NOT_A_CHOICE),
    "course no page": ({f"{RC}-0-course": "999999"}, NOT_A_CHOICE),
    "course not a number, with another error": (
        {f"{RC}-0-course": "abc", "title": ""},
        REQUIRED,
    ),
    "course not a number on a deleted row, with another error": (
        {f"{RC}-0-course": "abc", f"{RC}-0-DELETE": "1", "title": ""},
        REQUIRED,
    ),
    # ORDER (a hidden field) and DELETE, with another error so the rows are drawn again.
    "ORDER left out, with another error": ({f"{RC}-0-ORDER": None, "title": ""}, REQUIRED),
    "ORDER not a number, with another error": ({f"{RC}-0-ORDER": "abc", "title": ""}, REQUIRED),
    "ORDER not a number on a deleted row, with another error": (
        {f"{RC}-0-ORDER": "abc", f"{RC}-0-DELETE": "1", "title": ""},
        REQUIRED,
    ),
    "DELETE odd, with another error": ({f"{RC}-0-DELETE": "\u202eyes", "title": ""}, REQUIRED),
}


@pytest.mark.parametrize("case", REFUSED_PROGRAM_POSTS)
def test_a_tampered_program_form_comes_back_with_an_error(programs, case):
    program, client, url, form, names = programs
    changes, message = REFUSED_PROGRAM_POSTS[case]
    before = saved_programs()
    client.raise_request_exception = False  # a 500 fails the assertion, with its case
    response = client.post(url, apply(form, changes, names))
    assert response.status_code == 200, response.status_code
    assert message in response.content.decode()
    assert saved_programs() == before


def test_the_program_form_as_drawn_is_saved(programs):
    """The starting point of every case above is a valid post."""
    program, client, url, form, names = programs
    response = client.post(url, apply(form, {"title": "Renamed"}, names))
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.title == "Renamed"


@pytest.mark.parametrize("inline", [RC, "domain_requirements", "activity_types"])
def test_a_row_count_in_the_billions_is_refused_without_drawing_thousands_of_rows(programs, inline):
    """Found by the fuzz: Django built, and the page drew again, up to 2,000 empty
    rows for a TOTAL_FORMS of 2147483648 (15 to 40 seconds, 20 MB a post)."""
    program, client, url, form, names = programs
    before = saved_programs()
    response = client.post(url, apply(form, {f"{inline}-TOTAL_FORMS": "2147483648"}, names))
    page = response.content.decode()
    assert response.status_code == 200
    assert f"more than {ROWS_AT_MOST} rows" in page
    assert f'name="{inline}-{ROWS_AT_MOST}-' not in page  # at most ROWS_AT_MOST rows drawn
    assert f'name="{inline}-{ROWS_AT_MOST - 1}-' in page
    assert saved_programs() == before


def required_courses(program) -> list[str]:
    """The titles in the order learners see them (modelcluster saves only the rows
    whose fields changed, so positions can repeat after a row is deleted)."""
    rows = program.required_courses.order_by("sort_order", "pk")
    return list(rows.values_list("course__title", flat=True))


@pytest.mark.parametrize(
    "changes",
    [
        {f"{RC}-0-ORDER": None},
        {f"{RC}-0-ORDER": "abc"},
        {f"{RC}-0-ORDER": ""},
        {f"{RC}-0-ORDER": "9" * 5_000},  # more digits than Python reads as a number
        {f"{RC}-0-DELETE": "false"},
        {f"{RC}-0-DELETE": ["1", ""]},  # the last of several values counts
    ],
    ids=repr,
)
def test_odd_order_and_delete_values_save_the_rows_in_a_sensible_order(programs, changes):
    """A missing or odd ORDER (a hidden field nobody can correct) is read as the
    row's place on the page; the courses keep distinct positions."""
    program, client, url, form, names = programs
    theirs = list(ProgramCourse.objects.exclude(program=program).values())
    response = client.post(url, apply(form, changes, names))
    assert response.status_code == 302
    assert list(program.required_courses.values_list("course__title", "sort_order")) == [
        ("A", 0),
        ("B", 1),
    ]
    assert list(ProgramCourse.objects.exclude(program=program).values()) == theirs


def test_a_huge_order_is_a_number_like_any_other(programs):
    """Python reads it, so it is saved like any order (the row is moved last; the
    other row, unchanged, keeps its stored position)."""
    program, client, url, form, names = programs
    theirs = list(ProgramCourse.objects.exclude(program=program).values())
    response = client.post(url, apply(form, {f"{RC}-0-ORDER": "9" * 30}, names))
    assert response.status_code == 302
    assert sorted(required_courses(program)) == ["A", "B"]
    assert list(ProgramCourse.objects.exclude(program=program).values()) == theirs


@pytest.mark.parametrize("value", ["1", "on", "abc", "\x00"])
def test_a_ticked_delete_removes_only_that_row(programs, value):
    """Like a checkbox: any value but "", "false" or "0" ticks it."""
    program, client, url, form, names = programs
    theirs = list(ProgramCourse.objects.exclude(program=program).values())
    response = client.post(url, apply(form, {f"{RC}-0-DELETE": value}, names))
    assert response.status_code == 302
    assert required_courses(program) == ["B"]
    assert list(ProgramCourse.objects.exclude(program=program).values()) == theirs


def test_a_new_required_course_is_added_after_the_others(programs):
    program, client, url, form, names = programs
    changes = {
        f"{RC}-TOTAL_FORMS": "3",
        f"{RC}-2-id": "",
        f"{RC}-2-course": "COURSE_D",
        f"{RC}-2-ORDER": "3",
        f"{RC}-2-DELETE": "",
    }
    response = client.post(url, apply(form, changes, names))
    assert response.status_code == 302
    assert required_courses(program) == ["A", "B", "D"]


def test_another_programs_form_posted_to_this_program_is_refused(programs):
    """The rows of one program's page, sent to another program's address."""
    program, client, url, form, names = programs
    other = Program.objects.exclude(pk=program.pk).get()
    their_form = page_form(client, reverse("programs_program:edit", args=[other.pk]))
    before = saved_programs()
    response = client.post(url, their_form)
    assert response.status_code == 200
    assert TAMPERED in response.content.decode()
    assert saved_programs() == before


def test_a_new_program_with_rows_claiming_to_exist_is_refused(programs):
    """The add form has no saved rows, so any row id is made up."""
    program, client, url, form, names = programs
    data = apply(form, {"title": "New program", "slug": "new-program"}, names)
    before = saved_programs()
    response = client.post(reverse("programs_program:add"), data)
    assert response.status_code == 200
    assert TAMPERED in response.content.decode()
    assert saved_programs() == before


# --- A course page's domain credits in the page editor ------------------------------------


@pytest.fixture
def course_page(site):
    """Course A credits two domains; course C credits one. A lead trainer edits A."""
    course, other = make_course("A"), make_course("C")
    for slug in ("advocacy", "mentoring-education"):
        CourseDomainCredit.objects.create(course=course, domain=domain(slug), hours=Decimal("2"))
    theirs = CourseDomainCredit.objects.create(
        course=other, domain=domain("advocacy"), hours=Decimal("3")
    )
    course.save_revision().publish()
    client = Client()
    client.force_login(staff(LeadTrainerFactory))
    url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    names = {
        "THEIR_CREDIT": str(theirs.pk),
        "RECOVERY": str(domain("recovery-wellness-support").pk),
    }
    return course, client, url, page_form(client, url), names


def saved_credits(course) -> dict:
    course.refresh_from_db()
    return {
        "credits": list(CourseDomainCredit.objects.order_by("pk").values()),
        "latest revision": course.latest_revision_id,
    }


DC = "domain_credits"
PUBLISH = {"action-publish": "action-publish"}

REFUSED_PAGE_POSTS = {
    "id not a number": ({f"{DC}-0-id": "abc"}, TAMPERED),
    "id left out": ({f"{DC}-0-id": None}, TAMPERED),
    # These were saved as a draft whose two credits for one domain could never
    # be published (and answered 500 when published at once).
    "id of another course's credit": ({f"{DC}-0-id": "THEIR_CREDIT"}, TAMPERED),
    "id of another course's credit, published": (
        {f"{DC}-0-id": "THEIR_CREDIT", **PUBLISH},
        TAMPERED,
    ),
    "id blank, published": ({f"{DC}-0-id": "", **PUBLISH}, TAMPERED),
    "INITIAL_FORMS zero, published": ({f"{DC}-INITIAL_FORMS": "0", **PUBLISH}, TAMPERED),
    "INITIAL_FORMS negative": ({f"{DC}-INITIAL_FORMS": "-1"}, TAMPERED),
    "TOTAL_FORMS above the rows, with another error": (
        {f"{DC}-TOTAL_FORMS": "5", "title": ""},
        REQUIRED,
    ),
    "ORDER not a number on a deleted row, with another error": (
        {f"{DC}-0-ORDER": "abc", f"{DC}-0-DELETE": "1", "title": ""},
        REQUIRED,
    ),
    "domain not a number": ({f"{DC}-0-domain": "abc"}, REQUIRED),
    "domain another course's": ({f"{DC}-0-domain": "999999"}, NOT_A_CHOICE),
}


@pytest.mark.parametrize("case", REFUSED_PAGE_POSTS)
def test_a_tampered_course_page_comes_back_with_an_error(course_page, case):
    course, client, url, form, names = course_page
    changes, message = REFUSED_PAGE_POSTS[case]
    before = saved_credits(course)
    client.raise_request_exception = False
    response = client.post(url, apply(form, changes, names))
    assert response.status_code == 200, response.status_code
    assert message in response.content.decode()
    assert saved_credits(course) == before


def test_the_course_page_as_drawn_is_published(course_page):
    course, client, url, form, names = course_page
    response = client.post(url, apply(form, {f"{DC}-0-hours": "3", **PUBLISH}, names))
    assert response.status_code == 302
    assert sorted(course.domain_credits.values_list("hours", flat=True)) == [2, 3]


def test_a_credit_added_in_a_draft_can_be_published_later(course_page):
    """A row only in a draft has no id yet: the page draws it with a blank id,
    which is not tampering."""
    course, client, url, form, names = course_page
    added = {
        f"{DC}-TOTAL_FORMS": "3",
        f"{DC}-2-id": "",
        f"{DC}-2-domain": "RECOVERY",
        f"{DC}-2-hours": "1.5",
        f"{DC}-2-ORDER": "3",
        f"{DC}-2-DELETE": "",
    }
    assert client.post(url, apply(form, added, names)).status_code == 302  # a draft
    assert course.domain_credits.count() == 2

    draft_form = page_form(client, url)
    assert draft_form[f"{DC}-INITIAL_FORMS"] == "3"
    assert "" in {draft_form[f"{DC}-{i}-id"] for i in range(3)}
    response = client.post(url, apply(draft_form, PUBLISH, names))
    assert response.status_code == 302
    assert course.domain_credits.count() == 3
