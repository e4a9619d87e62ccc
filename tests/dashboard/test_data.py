import csv
import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt
from assessments.services import attempt_start, attempt_submit
from certificates.models import Attestation
from courses.models import CourseCompletion, LessonCompletion, Reflection
from dashboard.models import AccountClosure
from dashboard.services import account_close_request, account_erase
from practice.models import HoursEntry, HoursEntryEvent
from programs.models import JoinRequest
from tests.assessments.factories import enroll_in, make_course, make_quiz, right_answers
from tests.certificates.factories import CertificateFactory, snapshot_for
from tests.practice.factories import HoursEntryFactory, hours_enrollment
from tests.programs.factories import JoinRequestFactory
from tests.training.factories import PASSWORD, CoordinatorFactory, LearnerFactory, sign_in

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PRINTED_NAME = "Jordan Avery Quinn"


def learner_with_everything(tag: str):
    """A learner with a row in every part of the record, each marked with `tag`."""
    learner = LearnerFactory(first_name=f"First{tag}", certificate_name=f"Printed {tag}")
    quiz = make_quiz(course=make_course(title=f"Course {tag}"))
    course = quiz.get_parent().specific
    enroll_in(course, learner=learner)
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(attempt_id=attempt.pk, learner=learner, responses=right_answers(attempt))
    LessonCompletion.objects.create(
        learner=learner, lesson=None, course=course, lesson_title=f"Lesson {tag}"
    )
    CourseCompletion.objects.create(
        learner=learner,
        course=course,
        course_title=f"Course {tag}",
        completed_at=attempt.submitted_at or timezone.now(),
        lessons=[{"id": None, "title": f"Lesson {tag}"}],
        training_hours=[{"domain": 1, "name": "Advocacy", "hours": "2.00"}],
        quiz_title=f"Quiz {tag}",
    )
    enrollment = hours_enrollment(learner=learner)
    entry = HoursEntryFactory(enrollment=enrollment, notes=f"Notes {tag}: walked with a peer.")
    HoursEntryEvent.objects.create(
        entry=entry,
        action=HoursEntryEvent.Action.CREATED,
        actor=learner,
        to_status=entry.status,
        snapshot=entry.snapshot(),
    )
    Reflection.objects.create(
        author=learner,
        prompt_id=f"prompt-{tag}",
        prompt_text="What does support look like for you?",
        lesson_title=f"Lesson {tag}",
        text=f"Reflection {tag}: support is someone who stays.",
    )
    JoinRequestFactory(person=learner, message=f"Join message {tag}")
    Attestation.objects.create(
        learner=learner, program=enrollment.program, text_version="v1", typed_name=f"Typed {tag}"
    )
    certificate = CertificateFactory(
        enrollment=enrollment, snapshot=snapshot_for(enrollment, name=f"{PRINTED_NAME} {tag}")
    )
    return learner, certificate


def read_zip(content: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


@pytest.fixture
def mine(site):
    return learner_with_everything("mine")


@pytest.fixture
def theirs(site):
    return learner_with_everything("theirs")


def test_the_export_holds_every_part_of_my_record_and_nobody_elses(client, mine, theirs):
    learner, certificate = mine
    sign_in(client, learner)
    response = client.get(reverse("dashboard_data_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    files = read_zip(response.content)
    assert set(files) == {
        "README.txt",
        "profile.json",
        "enrollments.json",
        "progress.csv",
        "course_completions.json",
        "reflections.json",
        "quiz_attempts.json",
        "accommodations.json",
        "hours.csv",
        "hours_history.json",
        "certificates.json",
        "attestations.json",
        "name_changes.json",
        "continuing_education.json",
        "renewals.json",
    }
    profile = json.loads(files["profile.json"])
    assert profile["email"] == learner.email
    assert profile["name_for_certificates"] == "Printed mine"
    assert profile["email_addresses"][0]["email"] == learner.email
    enrollments = json.loads(files["enrollments.json"])
    assert len(enrollments["enrollments"]) == 2  # the quiz course and the hours program
    assert enrollments["join_requests"][0]["message"] == "Join message mine"
    progress = list(csv.DictReader(io.StringIO(files["progress.csv"])))
    assert [row["lesson"] for row in progress] == ["Lesson mine"]
    (completed,) = json.loads(files["course_completions.json"])
    assert completed["course"] == "Course mine" and completed["lessons"] == ["Lesson mine"]
    assert completed["training_hours"] == {"Advocacy": "2.00"}
    assert "Reflection mine" in json.loads(files["reflections.json"])[0]["answer"]
    attempts = json.loads(files["quiz_attempts.json"])
    assert len(attempts) == 1 and attempts[0]["passed"] is True
    assert attempts[0]["snapshot"]["questions"] and attempts[0]["responses"]
    hours = list(csv.DictReader(io.StringIO(files["hours.csv"])))
    assert hours[0]["notes"] == "Notes mine: walked with a peer."
    history = json.loads(files["hours_history.json"])
    assert history[0]["values"]["notes"] == "Notes mine: walked with a peer."
    assert history[0]["by"] == "you"
    certificates = json.loads(files["certificates.json"])
    assert certificates[0]["code"] == certificate.code
    assert certificates[0]["as_printed"]["name"] == f"{PRINTED_NAME} mine"
    assert json.loads(files["attestations.json"])[0]["typed_name"] == "Typed mine"
    assert "hours.csv" in files["README.txt"]

    everything = "\n".join(files.values())
    other, other_certificate = theirs
    for trace in ("theirs", other.email, other_certificate.code):
        assert trace not in everything


def test_your_data_needs_signing_in(client, site):
    for name in ("dashboard_data", "dashboard_data_export", "dashboard_data_close"):
        response = (
            client.get(reverse(name))
            if name != "dashboard_data_close"
            else client.post(reverse(name), {"confirm": "on"})
        )
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_the_your_data_page_is_linked_and_explains_closing(client, site):
    learner = LearnerFactory()
    sign_in(client, learner)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert reverse("dashboard_data") in dashboard
    page = client.get(reverse("dashboard_data")).content.decode()
    assert reverse("dashboard_data_export") in page
    assert "Close my account" in page and "verification page" in page


def test_closing_deactivates_at_once_and_ends_every_session(client, site):
    from django.test import Client

    learner = LearnerFactory()
    sign_in(client, learner)
    other_device = Client()
    sign_in(other_device, learner)

    response = client.post(reverse("dashboard_data_close"), {"confirm": "on"})

    assert response.status_code == 302 and response["Location"] == reverse("dashboard_closed")
    learner.refresh_from_db()
    assert learner.is_active is False
    assert SESSION_KEY not in client.session
    closed_page = client.get(response["Location"])
    assert "Your account is closed" in closed_page.content.decode()
    # The other device's session is refused on its next request.
    later = other_device.get(reverse("dashboard"))
    assert later.status_code == 302 and later["Location"].startswith(reverse("account_login"))
    closure = AccountClosure.objects.get(user=learner)
    assert closure.user_email == learner.email and not closure.is_erased
    # Nothing is erased before a coordinator confirms.
    assert learner.first_name and EmailAddress.objects.filter(user=learner).exists()


def test_closing_needs_the_confirmation_box(client, site):
    learner = LearnerFactory()
    sign_in(client, learner)
    response = client.post(reverse("dashboard_data_close"), {})
    assert response.status_code == 400
    assert "Tick the box" in response.content.decode()
    learner.refresh_from_db()
    assert learner.is_active is True
    assert not AccountClosure.objects.exists()
    assert client.session.get(SESSION_KEY) == str(learner.pk)


def test_closing_is_only_a_post(client, site):
    learner = LearnerFactory()
    sign_in(client, learner)
    assert client.get(reverse("dashboard_data_close")).status_code == 405
    learner.refresh_from_db()
    assert learner.is_active is True


def test_asking_twice_is_the_same_request(site):
    learner = LearnerFactory()
    first = account_close_request(user=learner)
    assert account_close_request(user=learner) == first
    assert AccountClosure.objects.count() == 1


def test_erasure_removes_my_words_and_details_but_the_certificate_still_verifies(
    client, mine, theirs
):
    learner, certificate = mine
    other, _ = theirs
    TOTP.activate(learner, SECRET)
    old_email = learner.email
    closure = account_close_request(user=learner)
    coordinator = CoordinatorFactory()

    account_erase(closure_id=closure.pk, confirmed_by=coordinator)

    learner.refresh_from_db()
    assert learner.first_name == "" and learner.last_name == ""
    assert learner.certificate_name == ""
    assert learner.email == f"erased-{learner.pk}@invalid"
    assert not learner.has_usable_password() and not learner.is_active
    assert not EmailAddress.objects.filter(user=learner).exists()
    assert not Authenticator.objects.filter(user=learner).exists()
    assert not Reflection.objects.filter(author=learner).exists()
    assert set(
        HoursEntry.objects.filter(enrollment__learner=learner).values_list("notes", flat=True)
    ) == {""}
    for event in HoursEntryEvent.objects.filter(entry__enrollment__learner=learner):
        assert event.snapshot["notes"] == ""
    assert JoinRequest.objects.get(person=learner).message == ""
    # Kept as evidence: the attempt's score and the certificate as printed.
    attempt = Attempt.objects.get(learner=learner)
    assert attempt.passed is True and attempt.score is not None
    certificate.refresh_from_db()
    assert certificate.snapshot["name"] == f"{PRINTED_NAME} mine"
    closure.refresh_from_db()
    assert closure.confirmed_by == coordinator and closure.is_erased
    # Someone else's record is untouched.
    assert Reflection.objects.filter(author=other).count() == 1
    assert HoursEntry.objects.get(enrollment__learner=other).notes.startswith("Notes theirs")

    page = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert page.status_code == 200
    assert f"{PRINTED_NAME} mine" in page.content.decode()
    # The old email and password no longer open anything.
    client.post(reverse("account_login"), {"login": old_email, "password": PASSWORD})
    assert SESSION_KEY not in client.session


def test_erasing_twice_is_refused_with_a_message(site):
    learner = LearnerFactory()
    closure = account_close_request(user=learner)
    coordinator = CoordinatorFactory()
    account_erase(closure_id=closure.pk, confirmed_by=coordinator)
    with pytest.raises(ValidationError, match="already erased"):
        account_erase(closure_id=closure.pk, confirmed_by=CoordinatorFactory())
    closure.refresh_from_db()
    assert closure.confirmed_by == coordinator


def test_a_reactivated_account_is_not_erased(site):
    learner = LearnerFactory()
    closure = account_close_request(user=learner)
    learner.is_active = True
    learner.save()
    with pytest.raises(ValidationError, match="active again"):
        account_erase(closure_id=closure.pk, confirmed_by=CoordinatorFactory())
    learner.refresh_from_db()
    assert learner.first_name and not AccountClosure.objects.get().is_erased


def coordinator_client(client):
    coordinator = CoordinatorFactory()
    TOTP.activate(coordinator, SECRET)
    client.force_login(coordinator)
    return coordinator


def test_a_coordinator_confirms_erasure_in_the_admin(client, site):
    learner = LearnerFactory(first_name="Sam")
    closure = account_close_request(user=learner)
    coordinator = coordinator_client(client)

    listing = client.get(reverse("account_closures:index"))
    assert listing.status_code == 200
    url = reverse("dashboard_admin_confirm_erasure", args=[closure.pk])
    assert url in listing.content.decode()
    assert client.get(url).status_code == 200

    response = client.post(url, follow=True)
    assert "Personal details erased" in response.content.decode()
    learner.refresh_from_db()
    assert learner.first_name == "" and learner.email.endswith("@invalid")
    closure.refresh_from_db()
    assert closure.confirmed_by == coordinator

    again = client.post(url, follow=True)
    assert "already erased" in again.content.decode()
    # Closures are never added or edited as plain rows.
    assert client.get(reverse("account_closures:add")).status_code in (302, 403)


def test_a_learner_cannot_reach_the_confirm_screen(client, site):
    learner = LearnerFactory()
    closure = account_close_request(user=LearnerFactory())
    sign_in(client, learner)
    url = reverse("dashboard_admin_confirm_erasure", args=[closure.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code in (302, 403)
    closure.refresh_from_db()
    assert not closure.is_erased
    assert client.get(reverse("account_closures:index")).status_code in (302, 403)
