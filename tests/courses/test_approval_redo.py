"""A Lead trainer who really needs everyone to redo a course says so on approval
(issue #16): "Approve and ask learners to redo the course", a step of the
content review (courses/review.py), through Wagtail's own workflow URLs."""

import importlib
import json

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Task, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from certificates import eligibility
from courses.models import CourseCompletion, CoursePage, CourseRedoRequest, LessonPage
from courses.review import APPROVE_WITH_REDO, APPROVE_WITH_REDO_LABEL, LeadTrainerApprovalTask
from courses.services import lesson_complete
from courses.site_setup import TASK_NAME
from tests.certificates.scenario import Scenario
from tests.training.factories import (
    CoordinatorFactory,
    LeadTrainerFactory,
    LearnerFactory,
    TrainerFactory,
    UserFactory,
)
from training import roles

from .conftest import with_totp

pytestmark = pytest.mark.django_db

REASON = "The naloxone guidance changed; the quiz now covers the new dose advice."
NEW_TITLE = "Boundaries, with the new guidance"


@pytest.fixture
def scenario(site):
    """A learner who finished the course (lesson and quiz), and a trainer's
    change to the lesson waiting for a Lead trainer's approval."""
    scenario = Scenario()
    lesson_complete(learner=scenario.learner, lesson=scenario.lesson)
    scenario.pass_quiz()
    eligibility.check(scenario.enrollment)
    assert CourseCompletion.objects.filter(superseded_at__isnull=True).count() == 1
    scenario.trainer = TrainerFactory()
    scenario.state = submit(scenario.lesson, scenario.trainer, title=NEW_TITLE)
    return scenario


def submit(page, trainer, **changes) -> WorkflowState:
    """A trainer's change, submitted to content review as the editor's
    "Submit to Content review" does."""
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=trainer)
    return page.get_workflow().start(page, trainer)


def redo_emails(outbox) -> list:
    return [mail for mail in outbox if "take it again" in mail.subject]


def names(actions) -> list[str]:
    return [name for name, *_ in actions]


def action_url(page, task_state, action=APPROVE_WITH_REDO) -> str:
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def modal(client, url, data=None):
    """The modal, as Wagtail's script asks for it (an XMLHttpRequest)."""
    send = client.post if data is not None else client.get
    response = send(url, data or {}, headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200, response.content.decode()[:500]
    return response.json()


def nothing_changed(scenario):
    lesson = LessonPage.objects.get(pk=scenario.lesson.pk)
    assert lesson.title == "Boundaries", "the change must not be published"
    scenario.state.refresh_from_db()
    assert scenario.state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not CourseRedoRequest.objects.exists()
    assert CourseCompletion.objects.filter(superseded_at__isnull=True).count() == 1


def test_setup_makes_the_review_step_a_lead_trainer_approval_task(scenario):
    [task] = [task.specific for task in scenario.lesson.get_workflow().tasks]
    assert type(task) is LeadTrainerApprovalTask
    assert task.name == TASK_NAME
    assert list(task.groups.values_list("name", flat=True)) == [roles.LEAD_TRAINER]
    assert scenario.state.current_task_state.task.specific == task


def test_approving_with_a_redo_publishes_and_asks_the_learners(
    client, scenario, mailoutbox, django_capture_on_commit_callbacks
):
    lead = with_totp(LeadTrainerFactory())
    client.force_login(lead)
    task_state = scenario.state.current_task_state
    url = action_url(scenario.lesson, task_state)

    # The modal says how many learners it asks before anything changes.
    shown = modal(client, url)
    assert shown["step"] == "action"
    assert "1 learner has completed this course" in shown["html"]
    assert "Approve and ask 1 learner to redo the course" in shown["html"]
    assert f"“{scenario.course.title}”" in shown["html"]
    nothing_changed(scenario)

    with django_capture_on_commit_callbacks(execute=True):
        done = modal(client, url, {"reason": REASON, "confirm": "on"})
    assert done["step"] == "success"

    lesson = LessonPage.objects.get(pk=scenario.lesson.pk)
    assert lesson.live and lesson.title == NEW_TITLE
    scenario.state.refresh_from_db()
    task_state.refresh_from_db()
    assert scenario.state.status == WorkflowState.STATUS_APPROVED
    assert task_state.finished_by == lead and REASON in task_state.comment
    made = CourseRedoRequest.objects.get()
    assert (made.course, made.requested_by, made.reason) == (scenario.course, lead, REASON)
    assert made.learners_affected == 1
    completion = CourseCompletion.objects.get(learner=scenario.learner)
    assert completion.redo_request == made and completion.superseded_at is not None
    (mail,) = redo_emails(mailoutbox)  # (Wagtail tells the trainer it was approved, too)
    assert mail.to == [scenario.learner.email]
    assert REASON in mail.body and scenario.course.title in mail.body

    # Wagtail goes on to the course's redo screen, which confirms the request.
    assert done["redirect"] == (
        reverse("courses_admin_redo", args=[scenario.course.pk]) + f"?asked={made.pk}"
    )
    page = client.get(done["redirect"]).content.decode()
    assert "Approved and published. 1 learner asked to redo" in page
    # Nobody else's request is confirmed to them.
    client.force_login(with_totp(LeadTrainerFactory()))
    assert "Approved and published" not in client.get(done["redirect"]).content.decode()


def test_the_course_page_itself_can_be_approved_with_a_redo(
    client, scenario, django_capture_on_commit_callbacks
):
    state = submit(scenario.course, scenario.trainer, summary="Now with the new guidance.")
    client.force_login(with_totp(LeadTrainerFactory()))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            action_url(scenario.course, state.current_task_state),
            {"reason": REASON, "confirm": "on"},
        )
    assert CoursePage.objects.get(pk=scenario.course.pk).summary == "Now with the new guidance."
    assert CourseRedoRequest.objects.get().course == scenario.course


@pytest.mark.parametrize(
    "data, message",
    [
        ({"reason": REASON}, "Tick the box to confirm the request."),
        ({"confirm": "on"}, "Say why: learners read this in their email."),
        ({"reason": "   ", "confirm": "on"}, "Say why: learners read this in their email."),
        ({"reason": "x" * 2001, "confirm": "on"}, "at most 2000 characters"),
    ],
)
def test_without_a_reason_or_the_confirmation_nothing_is_approved(
    client, scenario, mailoutbox, data, message
):
    client.force_login(with_totp(LeadTrainerFactory()))
    url = action_url(scenario.lesson, scenario.state.current_task_state)
    refused = modal(client, url, data)
    assert refused["step"] == "action"  # the modal again, with the message
    assert message in refused["html"]
    if "reason" in data and data["reason"].strip():
        assert data["reason"] in refused["html"]  # what was typed is kept
    # Without the script (a plain form post), nothing is approved either.
    client.post(url, data)
    nothing_changed(scenario)
    assert redo_emails(mailoutbox) == []


def test_a_quiz_closed_after_a_pass_refuses_in_the_modal(client, scenario):
    from assessments.models import QuizPage

    QuizPage.objects.filter(pk=scenario.quiz.pk).update(allow_practice_after_pass=False)
    client.force_login(with_totp(LeadTrainerFactory()))
    url = action_url(scenario.lesson, scenario.state.current_task_state)
    assert "can't take it again" in modal(client, url)["html"]  # said before confirming
    refused = modal(client, url, {"reason": REASON, "confirm": "on"})
    assert refused["step"] == "action"
    assert "keep practising after passing" in refused["html"]
    nothing_changed(scenario)


@pytest.mark.parametrize("factory", [TrainerFactory, CoordinatorFactory])
def test_only_a_lead_trainer_may_approve_with_a_redo(client, scenario, factory):
    person = with_totp(factory())
    task = scenario.state.current_task_state.task.specific
    assert APPROVE_WITH_REDO not in names(task.get_actions(scenario.lesson, person))
    client.force_login(person)
    url = action_url(scenario.lesson, scenario.state.current_task_state)
    plain = client.post(url, {"reason": REASON, "confirm": "on"})
    scripted = client.post(
        url, {"reason": REASON, "confirm": "on"}, headers={"x-requested-with": "XMLHttpRequest"}
    )
    assert (plain.status_code, plain["Location"], scripted.status_code) == (302, "/admin/", 403)
    # The trainer who submitted the change cannot approve it with a redo either.
    client.force_login(with_totp(scenario.trainer))
    client.post(url, {"reason": REASON, "confirm": "on"})
    nothing_changed(scenario)


def test_the_action_is_offered_only_where_a_redo_would_ask_someone(scenario):
    lead = LeadTrainerFactory()
    task = scenario.state.current_task_state.task.specific
    offered = names(task.get_actions(scenario.lesson, lead))
    assert offered == ["reject", "approve", "approve", APPROVE_WITH_REDO]
    assert (APPROVE_WITH_REDO, APPROVE_WITH_REDO_LABEL, True) in task.get_actions(
        scenario.course, lead
    )
    assert (APPROVE_WITH_REDO, APPROVE_WITH_REDO_LABEL, True) in task.get_actions(
        scenario.quiz, lead
    )
    # The catalogue is under review too, but belongs to no course.
    fresh = Task.objects.get(pk=task.pk).specific
    assert APPROVE_WITH_REDO not in names(fresh.get_actions(scenario.course.get_parent(), lead))
    # A course nobody has completed: nobody to ask.
    from tests.assessments.factories import make_course

    empty = make_course("Nobody finished this")
    assert APPROVE_WITH_REDO not in names(fresh.get_actions(empty, lead))
    # An administrator, who may approve any step and ask for a redo, gets it too.
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert APPROVE_WITH_REDO in names(fresh.get_actions(scenario.lesson, admin))


def test_offering_the_action_costs_the_same_however_many_learners_finished(scenario):
    """Wagtail asks for the actions several times a request, and once per page
    awaiting review on the dashboard: a fixed number of queries."""

    def queries_to_offer() -> int:
        lead = LeadTrainerFactory()
        task = Task.objects.get(pk=scenario.state.current_task_state.task_id).specific
        with CaptureQueriesContext(connection) as queries:
            for _ in range(3):
                assert APPROVE_WITH_REDO in names(task.get_actions(scenario.lesson, lead))
        return len(queries)

    one = queries_to_offer()
    for learner in LearnerFactory.create_batch(5):
        CourseCompletion.objects.create(
            learner=learner,
            course=scenario.course,
            course_title=scenario.course.title,
            completed_at=timezone.now(),
        )
    # Whether the person is in the task's groups, the course (with whether
    # anyone completed it) and the person's permissions (Django's two): once each.
    assert queries_to_offer() == one == 4


# --- From the page editor ------------------------------------------------------------


def edit_form(lesson, title, **actions):
    data = nested_form_data(
        {
            "title": title,
            "slug": lesson.slug,
            "estimated_minutes": 15,
            "body": streamfield([("rich_text", rich_text("<p>The new guidance.</p>"))]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )
    data.update(actions)
    return data


def test_from_the_editor_the_modal_checks_and_the_editor_approves(
    client, scenario, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(with_totp(LeadTrainerFactory()))
    lesson, task_state = scenario.lesson, scenario.state.current_task_state
    edit = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    assert APPROVE_WITH_REDO_LABEL in client.get(edit).content.decode()

    collect = reverse(
        "wagtailadmin_pages:collect_workflow_action_data",
        args=[lesson.pk, APPROVE_WITH_REDO, task_state.pk],
    )
    refused = modal(client, collect, {"reason": REASON})
    assert "Tick the box to confirm the request." in refused["html"]
    collected = modal(client, collect, {"reason": REASON, "confirm": "on"})
    assert collected["step"] == "success"

    # Wagtail's script then sends the editor's form with the answers as JSON.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit,
            edit_form(
                lesson,
                NEW_TITLE,
                **{
                    "action-workflow-action": "true",
                    "workflow-action-name": APPROVE_WITH_REDO,
                    "workflow-action-extra-data": json.dumps(collected["cleaned_data"]),
                },
            ),
            follow=True,
        )
    assert "Approved and published. 1 learner asked to redo" in response.content.decode()
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.live and lesson.title == NEW_TITLE
    assert CourseRedoRequest.objects.get().learners_affected == 1
    assert [mail.to for mail in redo_emails(mailoutbox)] == [[scenario.learner.email]]


@pytest.mark.parametrize(
    "extra",
    [
        "{}",
        json.dumps({"reason": REASON}),
        json.dumps({"reason": "", "confirm": True}),
        "not json",
        "[1]",
    ],
)
def test_from_the_editor_answers_that_fail_approve_nothing_and_keep_the_changes(
    client, scenario, mailoutbox, extra
):
    client.force_login(with_totp(LeadTrainerFactory()))
    edit = reverse("wagtailadmin_pages:edit", args=[scenario.lesson.pk])
    response = client.post(
        edit,
        edit_form(
            scenario.lesson,
            "Boundaries, a draft",
            **{
                "action-workflow-action": "true",
                "workflow-action-name": APPROVE_WITH_REDO,
                "workflow-action-extra-data": extra,
            },
        ),
        follow=True,
    )
    assert response.status_code == 200
    assert "Nothing was approved." in response.content.decode()
    nothing_changed(scenario)
    # The editor's changes are kept, as a draft.
    draft = LessonPage.objects.get(pk=scenario.lesson.pk).get_latest_revision_as_object()
    assert draft.title == "Boundaries, a draft"
    assert redo_emails(mailoutbox) == []


# --- Sites set up before the step could ask for a redo -------------------------------------


def make_the_task_plain_again(task_id):
    """As a site set up before this change has it: a plain group approval task."""
    migration = importlib.import_module("courses.migrations.0005_lead_trainer_approval_task")
    migration.convert_back(apps, None)
    table = connection.ops.quote_name(LeadTrainerApprovalTask._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - a model's table name
    assert type(Task.objects.get(pk=task_id).specific) is GroupApprovalTask
    return migration


@pytest.mark.parametrize("upgrade", ["migration", "setup_site"])
def test_a_review_in_progress_carries_on_when_the_step_is_upgraded(
    client, scenario, upgrade, django_capture_on_commit_callbacks
):
    task_id = scenario.state.current_task_state.task_id
    migration = make_the_task_plain_again(task_id)
    ContentType.objects.clear_cache()
    if upgrade == "migration":
        migration.convert(apps, None)
    call_command("setup_site", verbosity=0)  # idempotent either way

    task = Task.objects.get(name=TASK_NAME).specific
    assert type(task) is LeadTrainerApprovalTask and task.pk == task_id
    assert list(task.groups.values_list("name", flat=True)) == [roles.LEAD_TRAINER]
    assert LeadTrainerApprovalTask.objects.count() == 1
    assert [t.pk for t in scenario.lesson.get_workflow().tasks] == [task_id]
    client.force_login(with_totp(LeadTrainerFactory()))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            action_url(scenario.lesson, scenario.state.current_task_state),
            {"reason": REASON, "confirm": "on"},
        )
    assert LessonPage.objects.get(pk=scenario.lesson.pk).title == NEW_TITLE
    assert CourseRedoRequest.objects.count() == 1
