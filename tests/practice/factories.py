"""Factories of supervised practice hours: a program with hour rules, an
enrollment in it, and log entries."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from practice.models import HoursEntry
from programs.models import ActivityType, Enrollment, Program, ProgramDomainRequirement
from tests.programs.factories import CohortFactory, EnrollmentFactory, ProgramFactory, domain


def hours_program(**kwargs) -> Program:
    """A program with small numbers: 10 practice hours in all (4 in Advocacy, 3 in
    Mentoring and Education), 2 hours of supervision, at most 4 hours an entry and
    6 a day, no weekly limit; activity types "Peer support" and "Group
    facilitation" (practice) and "Supervision" (supervision received)."""
    defaults = {
        "practice_hours_required": Decimal("10"),
        "supervision_hours_required": Decimal("2"),
        "max_hours_per_entry": Decimal("4"),
        "max_hours_per_day": Decimal("6"),
        "max_hours_per_week": None,
    }
    program = ProgramFactory(**{**defaults, **kwargs})
    ProgramDomainRequirement.objects.create(
        program=program,
        domain=domain("advocacy"),
        training_hours_min=Decimal("2"),
        practice_hours_min=Decimal("4"),
    )
    ProgramDomainRequirement.objects.create(
        program=program,
        domain=domain("mentoring-education"),
        training_hours_min=Decimal("2"),
        practice_hours_min=Decimal("3"),
    )
    for order, (name, counts_as) in enumerate(
        [
            ("Peer support", ActivityType.CountsAs.PRACTICE),
            ("Group facilitation", ActivityType.CountsAs.PRACTICE),
            ("Supervision", ActivityType.CountsAs.SUPERVISION),
        ]
    ):
        ActivityType.objects.create(
            program=program, name=name, counts_as=counts_as, sort_order=order
        )
    return program


def activity(program: Program, name: str = "Peer support") -> ActivityType:
    return ActivityType.objects.get(program=program, name=name)


def hours_enrollment(program: Program | None = None, **kwargs) -> Enrollment:
    """An active enrollment in an hours program that started 60 days ago, with a
    supervisor (pass supervisor=None for none)."""
    program = program or hours_program()
    kwargs.setdefault("enrolled_at", timezone.now() - datetime.timedelta(days=60))
    return EnrollmentFactory(cohort=CohortFactory(program=program), **kwargs)


class HoursEntryFactory(factory.django.DjangoModelFactory):
    """An entry of yesterday: 1 hour of peer support in Advocacy, as a draft.
    Made directly (no service, no history): for setting up a state quickly."""

    class Meta:
        model = HoursEntry

    enrollment = factory.LazyFunction(hours_enrollment)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    hours = Decimal("1")
    domain = factory.LazyFunction(lambda: domain("advocacy"))
    activity_type = factory.LazyAttribute(lambda entry: activity(entry.enrollment.program))
    setting = "Recovery community centre"
    notes = "Listened and helped a peer plan the week."
    status = HoursEntry.Status.DRAFT
    submitted_at = factory.LazyAttribute(
        lambda entry: timezone.now() if entry.status != HoursEntry.Status.DRAFT else None
    )
    reviewed_by = factory.LazyAttribute(
        lambda entry: (
            entry.enrollment.supervisor
            if entry.status in (HoursEntry.Status.APPROVED, HoursEntry.Status.RETURNED)
            else None
        )
    )
    reviewed_at = factory.LazyAttribute(lambda entry: timezone.now() if entry.reviewed_by else None)
