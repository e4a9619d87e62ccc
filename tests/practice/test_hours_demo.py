"""The demo program's hour requirements and entries, and the dashboard panel the
dashboard includes."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from practice import demo as practice_demo
from practice.identifiers import find_identifiers
from practice.models import HoursEntry
from practice.selectors import hours_summary
from programs import demo as programs_demo
from programs.demo import DEMO_PROGRAM_SLUG
from programs.models import ActivityType, Enrollment, Program
from tests.practice.factories import HoursEntryFactory, hours_enrollment
from training import demo as people_demo
from training.demo import DEMO_LEARNER


def seed_demo(*, log):
    """What `manage.py seed_demo` does before the courses: people, program, hours."""
    for module in (people_demo, programs_demo, practice_demo):
        module.seed_demo(log=log)


pytestmark = pytest.mark.django_db


def test_the_demo_program_has_the_icrc_numbers_and_entries_in_every_state(site):
    seed_demo(log=lambda *_: None)
    seed_demo(log=lambda *_: None)  # idempotent
    program = Program.objects.get(slug=DEMO_PROGRAM_SLUG)
    assert program.practice_hours_required == Decimal("500")
    assert program.supervision_hours_required == Decimal("25")
    assert (program.max_hours_per_entry, program.max_hours_per_day) == (Decimal("8"), Decimal("12"))
    requirements = {
        r.domain.slug: (r.training_hours_min, r.practice_hours_min)
        for r in program.domain_requirements.select_related("domain")
    }
    assert requirements == {
        "advocacy": (Decimal("10"), Decimal("125")),
        "mentoring-education": (Decimal("10"), Decimal("125")),
        "recovery-wellness-support": (Decimal("10"), Decimal("125")),
        "ethical-responsibility": (Decimal("16"), Decimal("125")),
    }
    assert program.activity_types.filter(counts_as=ActivityType.CountsAs.SUPERVISION).count() == 2
    assert program.activity_types.count() == 7

    enrollment = Enrollment.objects.get(learner__email=DEMO_LEARNER, program=program)
    entries = HoursEntry.objects.filter(enrollment=enrollment)
    assert set(entries.values_list("status", flat=True)) == set(HoursEntry.Status.values)
    assert entries.get(status=HoursEntry.Status.RETURNED).review_comment
    for entry in entries:
        assert find_identifiers(entry.notes) == [] and find_identifiers(entry.setting) == []
        assert entry.date >= enrollment.enrolled_at.date()
    summary = hours_summary(enrollment)
    assert summary.practice_approved > 0 and summary.supervision_approved > 0


def test_the_dashboard_panel_shows_progress_returned_entries_and_links(site):
    enrollment = hours_enrollment()
    HoursEntryFactory(enrollment=enrollment, status=HoursEntry.Status.APPROVED, hours=Decimal("4"))
    HoursEntryFactory(enrollment=enrollment, status=HoursEntry.Status.RETURNED)
    request = RequestFactory().get("/dashboard/")
    request.user = enrollment.learner
    html = render_to_string(
        "practice/_dashboard_panel.html",
        {"enrollment": enrollment, "summary": hours_summary(enrollment)},
        request=request,
    )
    assert "Supervised practice hours" in html
    assert "Practice: 4 of 10 hours" in html
    assert "1 entry came back from your supervisor" in html
    assert f"/programs/{enrollment.program.slug}/hours/new/" in html
    assert f"/programs/{enrollment.program.slug}/hours/" in html
