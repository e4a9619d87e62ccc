"""Programs and practice hours moved out of training/ (issue #15) with their tables.

A database as the code before the move left it migrates forward keeping every
row, every foreign key, every group permission and every admin history entry.
The data is made through the real services; the database is then migrated back
to the last migrations before the move (the tables are the same, the content
types go back under "training", as that code had them) and forward again.
"""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import ModelLogEntry

from certificates.services import certificate_issue
from courses.models import Reflection
from courses.review import LeadTrainerApprovalTask
from practice import services as practice_services
from practice.models import HoursEntry
from programs import services as program_services
from programs.models import Enrollment, Invitation, Program
from tests.certificates.scenario import Scenario
from tests.training.factories import CoordinatorFactory, LearnerFactory
from training import roles

# The last migration of each app before the move, and the apps the move made.
BEFORE_THE_MOVE = [
    ("training", "0010_records_leave_the_reference_index"),
    ("certificates", "0004_revoked_pdf"),
    ("courses", "0001_initial"),
    ("assessments", "0003_role_permissions"),
    ("programs", None),
    ("practice", None),
]
MOVED = {
    "programs": {
        "domain",
        "program",
        "cohort",
        "enrollment",
        "supervisorassignment",
        "invitation",
        "joinrequest",
        "programdomainrequirement",
        "activitytype",
    },
    "practice": {"hoursentry", "hoursentryevent", "supervisordigest"},
}


# The content review's step, which a migration later than the move gives a type
# of its own (courses/0005).
TASK = "Lead trainer approval"


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def table_columns() -> dict[str, list[str]]:
    """The columns of every table but the two the migrations themselves change."""
    with connection.cursor() as cursor:
        return {
            table: [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            ]
            for table in sorted(connection.introspection.table_names(cursor))
            if table not in {"django_migrations", "django_content_type"}
        }


def every_row(columns: dict[str, list[str]] | None = None) -> dict[str, set[tuple]]:
    """Every row of those tables (of the given tables and columns only, when given)."""
    columns = columns or table_columns()
    rows = {}
    with connection.cursor() as cursor:
        for table, names in columns.items():
            quoted = ", ".join(connection.ops.quote_name(name) for name in names)
            # Names from introspection, not from input.
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows[table] = set(cursor.fetchall())
    return rows


def content_types() -> dict[int, tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, app_label, model FROM django_content_type")
        return {pk: (app_label, model) for pk, app_label, model in cursor.fetchall()}


def make_a_year_of_records() -> dict:
    """Enrollments, hours with their history, an attempt, a certificate, a
    reflection, an invitation, a join request and the admin log of each."""
    scenario = Scenario().make_eligible()
    coordinator = CoordinatorFactory()
    certificate = certificate_issue(
        enrollment_id=scenario.enrollment.pk, issued_by=coordinator, name_as_printed="Riley Morgan"
    )
    earlier = HoursEntry.objects.order_by("date").first()
    entry = practice_services.hours_entry_create(
        enrollment=scenario.enrollment,
        learner=scenario.learner,
        date=earlier.date - datetime.timedelta(days=7),
        hours="1",
        domain=earlier.domain,
        activity_type=earlier.activity_type,
        setting="Community centre",
        notes="Practised open questions with a peer.",
    )
    enrolled = program_services.enrollment_create(
        learner=LearnerFactory(), program=scenario.program, enrolled_by=coordinator
    )
    invitation = program_services.invitation_create(
        email="new.person@example.org",
        role=Invitation.Role.LEARNER,
        program=scenario.program,
        cohort=None,
        invited_by=coordinator,
    )
    Program.objects.filter(pk=scenario.program.pk).update(accepts_join_requests=True)
    join_request = program_services.join_request_create(
        person=LearnerFactory(), program=Program.objects.get(pk=scenario.program.pk)
    )
    Reflection.objects.create(
        author=scenario.learner,
        lesson=scenario.lesson,
        prompt_id="p1",
        prompt_text="What did you notice?",
        lesson_title="Boundaries",
        text="That I listen better when I slow down.",
    )
    return {
        "enrollment": scenario.enrollment,
        "entry": entry,
        "certificate": certificate,
        "logged": [enrolled, invitation, join_request],
    }


def only(rows: set[tuple], columns: list[str], kept: list[str]) -> set[tuple]:
    """The rows (read with `columns`) with only the `kept` columns, in that order."""
    positions = [columns.index(name) for name in kept]
    return {tuple(row[i] for i in positions) for row in rows}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_from_before_the_move_keeps_every_row_permission_and_history(site):
    call_command("setup_site", verbosity=0)
    made = make_a_year_of_records()
    columns_after = table_columns()
    rows_after, types_after = every_row(columns_after), content_types()
    assert len(rows_after["training_enrollment"]) == 2
    assert len(rows_after["training_hoursentryevent"]) >= 1
    assert rows_after["certificates_certificate"] and rows_after["courses_reflection"]
    assert rows_after["assessments_attempt"]

    try:
        migrate(BEFORE_THE_MOVE)
        # As the code before the move had it: same tables and rows, content
        # types under "training" with the same ids.
        types_before = content_types()
        for pk, (label, model) in types_after.items():
            if model in MOVED.get(label, ()):  # not the models added since
                assert types_before[pk] == ("training", model)
        assert {model for label, model in types_before.values() if label == "training"} >= (
            MOVED["programs"] | MOVED["practice"]
        )
        # Later migrations than the move (of other issues) are unapplied too,
        # so compare the tables and columns the database had before the move.
        columns_before = table_columns()
        rows_before = every_row(columns_before)
        moved_tables = [t for t in columns_before if t.startswith("training_")]
        # The content review's step is a plain group approval task again (courses/0005).
        with connection.cursor() as cursor:
            cursor.execute("SELECT content_type_id FROM wagtailcore_task WHERE name = %s", [TASK])
            assert {types_before[pk] for (pk,) in cursor.fetchall()} == {
                ("wagtailcore", "groupapprovaltask")
            }
        # Columns added since (training.User.language, issue 21) are left out.
        assert {t: rows_before[t] for t in moved_tables} == {
            t: only(rows_after[t], columns_after[t], columns_before[t]) for t in moved_tables
        }
    finally:
        migrate(latest())
        # The migrations cleared Django's content type cache. Fill it again from
        # the database (same ids as before): the next transactional test reloads
        # its data through models whose saves look content types up, and a cold
        # cache would insert rows that clash with the ones being reloaded.
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_models(*apps.get_models())

    assert content_types() == types_after
    # Every row the database had before the move is still there, and the moved
    # tables are exactly as they were.
    rows_now = every_row(columns_before)
    # One row changes on its way forward, by a migration later than the move:
    # courses/0005 gives the "Lead trainer approval" task its own type.
    task_columns = columns_before["wagtailcore_task"]
    name, type_of = task_columns.index("name"), task_columns.index("content_type_id")
    lead_trainer_task = ContentType.objects.get_for_model(LeadTrainerApprovalTask).pk
    rows_before["wagtailcore_task"] = {
        row[:type_of] + (lead_trainer_task,) + row[type_of + 1 :] if row[name] == TASK else row
        for row in rows_before["wagtailcore_task"]
    }
    for table, rows in rows_before.items():
        assert rows <= rows_now[table], table
    assert LeadTrainerApprovalTask.objects.filter(name=TASK).count() == 1
    assert {t: rows_now[t] for t in moved_tables} == {t: rows_before[t] for t in moved_tables}

    # The ORM reads every foreign key through the moved models.
    enrollment = Enrollment.objects.select_related("program", "learner", "cohort").get(
        pk=made["enrollment"].pk
    )
    assert enrollment.certificates.get().pk == made["certificate"].pk
    assert enrollment.hours_entries.filter(pk=made["entry"].pk).get().events.exists()
    assert Program.objects.get(pk=enrollment.program_id).required_courses.exists()
    # Group permissions follow the content types to their new app label.
    coordinator = Group.objects.get(name=roles.COORDINATOR)
    labels = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in coordinator.permissions.select_related("content_type")
    }
    assert {"programs.add_enrollment", "practice.view_hoursentry"} <= labels
    assert not any(label.startswith("training.") and "enrollment" in label for label in labels)
    supervisor_group = Group.objects.get(name=roles.SUPERVISOR)
    assert supervisor_group.permissions.filter(
        content_type__app_label="practice", codename="review_hoursentry"
    ).exists()
    # The admin history of each row is still its own.
    for record in made["logged"]:
        record = type(record).objects.get(pk=record.pk)
        assert ModelLogEntry.objects.for_instance(record).exists(), record
