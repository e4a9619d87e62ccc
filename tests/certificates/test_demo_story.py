"""Issue #19: after `manage.py seed_demo` (as `make run` does) the demo tells the
whole story: a certified holder whose code says valid, a learner waiting in the
coordinators' verification queue, entries waiting for the supervisor, and a
request to join waiting for an answer. Seeding twice adds nothing."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from certificates import eligibility
from certificates.models import Attestation, Certificate
from courses.models import LessonCompletion
from practice.models import HoursEntry, HoursEntryEvent
from programs.demo import DEMO_ASKING_PERSON, DEMO_READY_LEARNER
from programs.models import Enrollment, JoinRequest
from renewals.demo import DEMO_RENEWED_HOLDER
from training.demo import DEMO_COORDINATOR, DEMO_SUPERVISOR, demo_user


def test_a_learner_waits_in_the_verification_queue(client, demo_seeded):
    enrollment = Enrollment.objects.get(learner__email=DEMO_READY_LEARNER[0])
    result = eligibility.check(enrollment)
    assert result.eligible, [r.missing for r in result.requirements if not r.met]
    client.force_login(demo_user(DEMO_COORDINATOR))
    queue = client.get(reverse("certificates_admin_queue"))
    assert queue.status_code == 200
    html = queue.content.decode()
    assert DEMO_READY_LEARNER[1] in html and DEMO_READY_LEARNER[2] in html
    assert reverse("certificates_admin_review", args=[enrollment.pk]) in html


def test_entries_wait_for_the_demo_supervisor(client, demo_seeded):
    waiting = HoursEntry.objects.filter(
        status=HoursEntry.Status.SUBMITTED, enrollment__supervisor__email=DEMO_SUPERVISOR
    )
    assert waiting.exists()
    client.force_login(demo_user(DEMO_SUPERVISOR))
    queue = client.get(reverse("practice_review:index"))
    assert queue.status_code == 200
    html = queue.content.decode()
    for entry in waiting:
        assert entry.setting in html


def test_a_request_to_join_waits_for_an_answer(client, demo_seeded):
    (waiting,) = JoinRequest.objects.filter(status=JoinRequest.Status.PENDING)
    assert waiting.person.email == DEMO_ASKING_PERSON[0]
    client.force_login(waiting.person)
    html = client.get(reverse("dashboard")).content.decode()
    assert f"You asked to join {waiting.program.title} on" in html
    # The coordinator's approve form starts from the demo program's one open cohort.
    client.force_login(demo_user(DEMO_COORDINATOR))
    page = client.get(reverse("programs_joinrequest:edit", args=[waiting.pk]))
    assert page.context["approve_form"]["cohort"].value() is not None


def test_a_certified_holders_code_says_valid(client, demo_seeded):
    live = (
        Certificate.objects.live()
        .filter(enrollment__learner__email=DEMO_RENEWED_HOLDER[0])
        .order_by("-issued_on")
        .first()
    )
    data = client.get(reverse("certificates:verify_json", args=[live.code])).json()
    assert data["status"] == "valid"
    page = client.get(reverse("certificates:verify", args=[live.code])).content.decode()
    assert "Valid" in page


def test_the_coordinators_cockpit_shows_how_long_certificates_took(demo_seeded):
    """Demo holders enrolled months before their certificates were issued, so
    the cockpit's median time to a certificate is a real number of days (it
    was 0: the demo enrolled them on the day it ran)."""
    from dashboard.cockpit import coordinator_cockpit

    (program,) = [p for p in coordinator_cockpit().programs if p.certified_count]
    assert program.median_days_to_certificate >= 100


def test_seeding_again_adds_nothing(demo_seeded):
    def counts():
        return [
            model.objects.count()
            for model in (
                Enrollment,
                JoinRequest,
                HoursEntry,
                HoursEntryEvent,
                LessonCompletion,
                Attestation,
                Certificate,
            )
        ]

    before = counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert counts() == before
    printed = out.getvalue()
    # The sign-in list says who the new people are and what to try with them.
    assert DEMO_READY_LEARNER[0] in printed and "Verification queue" in printed
    assert DEMO_ASKING_PERSON[0] in printed and "Join requests" in printed
