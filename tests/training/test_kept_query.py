"""training.sql.KeptQuery compiles an ORM query once per database and runs it
again with new values (issue 20: building a query cost more than running it).
What it gives must be exactly what the ORM gives, on SQLite and PostgreSQL."""

import datetime

import pytest
from django.db.models import Count, F
from django.utils import timezone

from programs.models import Enrollment, JoinRequest
from tests.programs.factories import EnrollmentFactory, JoinRequestFactory
from tests.training.factories import LearnerFactory
from training.sql import KeptQuery

pytestmark = pytest.mark.django_db

enrollments_of = KeptQuery(
    lambda learner, status: (
        Enrollment.objects.filter(learner_id=learner, status=status)
        .select_related("learner", "program")
        .annotate(program_slug=F("program__slug"), cohorts=Count("program__cohorts"))
        .order_by("enrolled_at", "pk")
    ),
    learner=int,
    status=str,
)

requests_since = KeptQuery(
    lambda person, since: JoinRequest.objects.filter(person_id=person, created_at__gte=since),
    person=int,
    since=datetime.datetime,
)


def fields_of(instance) -> dict:
    return {
        field.attname: (getattr(instance, field.attname), type(getattr(instance, field.attname)))
        for field in instance._meta.concrete_fields
    }


def test_rows_are_what_the_orm_gives_with_related_rows_and_annotations():
    learner = LearnerFactory(last_login=timezone.now())
    mine = [EnrollmentFactory(learner=learner) for _ in range(3)]
    EnrollmentFactory()  # someone else's
    EnrollmentFactory(learner=learner, status=Enrollment.Status.WITHDRAWN)
    through_orm = list(
        Enrollment.objects.filter(learner_id=learner.pk, status="active")
        .select_related("learner", "program")
        .annotate(program_slug=F("program__slug"), cohorts=Count("program__cohorts"))
        .order_by("enrolled_at", "pk")
    )
    kept = enrollments_of.all(learner=learner.pk, status="active")
    assert [e.pk for e in kept] == [e.pk for e in through_orm] == [e.pk for e in mine]
    for fast, slow in zip(kept, through_orm, strict=True):
        assert fields_of(fast) == fields_of(slow)
        # The related rows came with it (SQLite's booleans and datetimes converted).
        assert fields_of(fast.learner) == fields_of(slow.learner)
        assert fields_of(fast.program) == fields_of(slow.program)
        assert (fast.program_slug, fast.cohorts) == (slow.program_slug, slow.cohorts)
        assert fast._state.adding is False and fast._state.db == "default"


def test_each_call_uses_its_own_values_and_one_query(django_assert_num_queries):
    first, second = EnrollmentFactory(), EnrollmentFactory()
    enrollments_of.all(learner=first.learner_id, status="active")  # compiled
    with django_assert_num_queries(1):
        found = enrollments_of.all(learner=second.learner_id, status="active")
    assert [e.pk for e in found] == [second.pk]
    assert enrollments_of.all(learner=second.learner_id, status="withdrawn") == []
    assert enrollments_of.all(learner=str(first.learner_id), status="active") == [first]


def test_a_datetime_value_compares_as_the_orm_compares_it():
    learner = LearnerFactory()
    old = JoinRequestFactory(person=learner)
    JoinRequest.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=9)
    )
    new = JoinRequestFactory(person=learner)
    since = timezone.now() - datetime.timedelta(days=1)
    assert requests_since.all(person=learner.pk, since=since) == [new]
    assert set(
        requests_since.all(person=learner.pk, since=since - datetime.timedelta(days=30))
    ) == {
        old,
        new,
    }


def test_bad_values_fail_as_with_the_orm():
    with pytest.raises(ValueError):
        enrollments_of.all(learner="not-a-number", status="active")
    with pytest.raises(ValueError):
        Enrollment.objects.filter(learner_id="not-a-number").first()
    with pytest.raises(TypeError):
        enrollments_of.all(learner=1)


def test_a_value_the_orm_does_not_pass_as_a_parameter_is_refused():
    # icontains wraps the value in %…%: the stand-in is not found as it is.
    broken = KeptQuery(
        lambda email: LearnerFactory._meta.model.objects.filter(email__icontains=email), email=str
    )
    with pytest.raises(ValueError, match="not a parameter"):
        broken.all(email="sam")
