"""Totals: the crediting rule under caps (a pure function) and `hours_summary`,
the one place the dashboard, reports and eligibility read hours from."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from practice.models import HoursEntry
from practice.selectors import hours_summaries, hours_summary
from programs.hours import (
    PRACTICE,
    SUPERVISION,
    Caps,
    CreditLine,
    credit,
    format_hours,
    is_quarter_hours,
)
from tests.practice.factories import HoursEntryFactory, activity, hours_enrollment, hours_program
from tests.programs.factories import domain

D = Decimal
MONDAY = datetime.date(2026, 3, 2)


def line(key, day, hours, counts_as=PRACTICE, domain_id=1):
    return CreditLine(key=key, date=day, hours=D(hours), domain_id=domain_id, counts_as=counts_as)


# --- The pure rule ------------------------------------------------------------------------


def test_without_caps_everything_approved_is_credited():
    result = credit([line(1, MONDAY, "3"), line(2, MONDAY, "2.5", domain_id=2)], Caps())
    assert result.practice_by_domain == {1: D("3"), 2: D("2.5")}
    assert result.practice_total == D("5.5")


def test_an_entry_counts_at_most_the_per_entry_cap():
    result = credit([line(1, MONDAY, "6")], Caps(per_entry=D("4")))
    assert result.by_key[1] == D("4")


def test_a_day_counts_at_most_the_daily_cap_in_the_order_logged():
    lines = [line(1, MONDAY, "4"), line(2, MONDAY, "4"), line(3, MONDAY, "4")]
    result = credit(lines, Caps(per_day=D("10")))
    assert [result.by_key[key] for key in (1, 2, 3)] == [D("4"), D("4"), D("2")]
    assert result.practice_total == D("10")


def test_a_day_never_counts_more_than_24_hours_whatever_the_cap():
    lines = [line(n, MONDAY, "8") for n in range(4)]
    assert credit(lines, Caps(per_day=D("30"))).practice_total == D("24")


def test_a_week_counts_at_most_the_weekly_cap_monday_to_sunday():
    week = [line(n, MONDAY + datetime.timedelta(days=n), "8") for n in range(7)]
    next_monday = line(7, MONDAY + datetime.timedelta(days=7), "8")
    result = credit(week + [next_monday], Caps(per_week=D("40")))
    assert result.practice_total == D("48")  # 40 this week, 8 in the next
    assert result.by_key[5] == D("0") and result.by_key[4] == D("8")
    assert result.by_key[7] == D("8")


def test_supervision_is_counted_apart_and_not_against_practice_limits():
    lines = [
        line(1, MONDAY, "6"),
        line(2, MONDAY, "2", counts_as=SUPERVISION),
        line(3, MONDAY, "1", counts_as=SUPERVISION),
    ]
    result = credit(lines, Caps(per_entry=D("6"), per_day=D("6"), per_week=D("6")))
    assert result.practice_total == D("6")
    assert result.supervision_total == D("3")


def test_entries_are_credited_in_date_order_whatever_order_they_come_in():
    lines = [line(2, MONDAY, "5"), line(1, MONDAY, "5")]
    result = credit(lines, Caps(per_day=D("6")))
    assert result.by_key == {1: D("5"), 2: D("1")}


@pytest.mark.parametrize(
    "value, ok", [("0.25", True), ("1.5", True), ("3", True), ("0.3", False), ("1.333", False)]
)
def test_quarter_hour_steps(value, ok):
    assert is_quarter_hours(D(value)) is ok


def test_hours_are_shown_without_trailing_zeros():
    assert [format_hours(D(v)) for v in ("1.50", "2.00", "0.25", "0")] == ["1.5", "2", "0.25", "0"]


# --- hours_summary ------------------------------------------------------------------------


def entry(enrollment, days_ago, hours, status, name="Peer support", slug="advocacy"):
    return HoursEntryFactory(
        enrollment=enrollment,
        date=MONDAY - datetime.timedelta(days=days_ago),
        hours=D(hours),
        domain=domain(slug),
        activity_type=activity(enrollment.program, name),
        status=status,
    )


@pytest.mark.django_db
def test_summary_separates_approved_pending_and_creditable_per_domain(db):
    S = HoursEntry.Status
    program = hours_program(max_hours_per_day=D("5"), max_hours_per_entry=D("4"))
    enrollment = hours_enrollment(program, enrolled_at=MONDAY_DT(60))
    entry(enrollment, 10, "4", S.APPROVED)
    entry(enrollment, 10, "2", S.APPROVED)  # same day: only 1 more counts (cap 5)
    entry(enrollment, 9, "3", S.APPROVED, slug="mentoring-education")
    entry(enrollment, 8, "1.5", S.SUBMITTED)
    entry(enrollment, 7, "1", S.DRAFT)
    entry(enrollment, 6, "2", S.RETURNED)
    entry(enrollment, 5, "1.5", S.APPROVED, name="Supervision")
    entry(enrollment, 4, "0.5", S.SUBMITTED, name="Supervision")
    summary = hours_summary(enrollment)
    advocacy = summary.domain("advocacy")
    assert (advocacy.approved, advocacy.pending, advocacy.creditable) == (D("6"), D("1.5"), D("5"))
    assert advocacy.capped and advocacy.required == D("4") and advocacy.met
    mentoring = summary.domain("mentoring-education")
    assert (mentoring.approved, mentoring.creditable, mentoring.capped) == (D("3"), D("3"), False)
    assert mentoring.met and mentoring.training_required == D("2")
    assert summary.practice_approved == D("9")
    assert summary.practice_creditable == D("8")
    assert summary.practice_pending == D("1.5")
    assert not summary.practice_met and summary.practice_remaining == D("2")
    assert summary.supervision_approved == D("1.5")
    assert summary.supervision_pending == D("0.5")
    assert not summary.supervision_met
    assert (summary.draft_count, summary.returned_count, summary.submitted_count) == (1, 1, 2)
    assert not summary.requirements_met


@pytest.mark.django_db
def test_requirements_are_met_when_every_minimum_is_creditable(db):
    S = HoursEntry.Status
    enrollment = hours_enrollment(enrolled_at=MONDAY_DT(60))
    for days in (1, 2, 3):
        entry(enrollment, days, "4", S.APPROVED)
    entry(enrollment, 4, "3", S.APPROVED, slug="mentoring-education")
    entry(enrollment, 5, "2", S.APPROVED, name="Supervision")
    summary = hours_summary(enrollment)
    assert summary.practice_creditable == D("15")
    assert summary.practice_met and summary.supervision_met and summary.domains_met
    assert summary.requirements_met


@pytest.mark.django_db
def test_summaries_take_a_fixed_number_of_queries(db):
    program = hours_program()

    def queries_for(count):
        enrollments = [hours_enrollment(program, enrolled_at=MONDAY_DT(60)) for _ in range(count)]
        for enrollment in enrollments:
            for days in range(3):
                entry(enrollment, days, "1", HoursEntry.Status.APPROVED)
        with CaptureQueriesContext(connection) as queries:
            summaries = hours_summaries(enrollments)
        assert len(summaries) == count
        return len(queries)

    assert queries_for(3) == queries_for(30) <= 4


def MONDAY_DT(days_before):
    return timezone.make_aware(
        datetime.datetime.combine(MONDAY - datetime.timedelta(days=days_before), datetime.time(9))
    )
