"""Asking to join a program on the public site, and the answers a coordinator gives."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from programs import services
from programs.models import Enrollment, JoinRequest
from tests.programs.factories import (
    CohortFactory,
    EnrollmentFactory,
    JoinRequestFactory,
    ProgramFactory,
)
from tests.training.factories import CoordinatorFactory, LearnerFactory, SupervisorFactory

pytestmark = pytest.mark.django_db


def join_url(program):
    return reverse("programs:join_request_create", args=[program.slug])


# --- The programs page --------------------------------------------------------------------


def test_the_programs_page_lists_programs_that_take_requests(client, site):
    open_program = ProgramFactory(accepts_join_requests=True, title="Open program")
    ProgramFactory(accepts_join_requests=False, title="Closed program")
    page = client.get(reverse("programs:program_list")).content.decode()
    assert "Open program" in page
    assert "Closed program" not in page
    # Anonymous visitors are offered to sign in first, coming back to the form.
    assert "Sign in to ask to join" in page
    assert "next=/programs/" + open_program.slug + "/join/" in page.replace("%2F", "/")


def test_the_programs_page_shows_where_a_person_stands(client, site):
    learner = LearnerFactory()
    enrolled = ProgramFactory(accepts_join_requests=True, title="Enrolled here")
    EnrollmentFactory(learner=learner, cohort=CohortFactory(program=enrolled))
    JoinRequestFactory(person=learner, program=ProgramFactory(accepts_join_requests=True))
    ProgramFactory(accepts_join_requests=True)
    client.force_login(learner)
    page = client.get(reverse("programs:program_list")).content.decode()
    assert page.count("You're enrolled") == 1
    assert page.count("waiting for a decision") == 1
    assert page.count(">Ask to join<") == 1


# --- Asking -----------------------------------------------------------------------------


def test_a_signed_in_person_asks_to_join_with_a_message(client, site):
    program = ProgramFactory(accepts_join_requests=True)
    person = LearnerFactory()
    client.force_login(person)
    assert client.get(join_url(program)).status_code == 200
    response = client.post(join_url(program), {"message": "  I volunteer at a drop-in.  "})
    join_request = JoinRequest.objects.get(person=person)
    assert response.status_code == 302
    assert response.url == reverse("programs:join_request_detail", args=[join_request.pk])
    assert join_request.message == "I volunteer at a drop-in."
    assert join_request.status == JoinRequest.Status.PENDING
    page = client.get(response.url).content.decode()
    assert "I volunteer at a drop-in." in page
    assert "Waiting for a decision" in page


def test_asking_needs_an_account(client, site):
    program = ProgramFactory(accepts_join_requests=True)
    response = client.post(join_url(program), {"message": "hello"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not JoinRequest.objects.exists()


def test_a_program_that_takes_no_requests_refuses(client, site):
    program = ProgramFactory(accepts_join_requests=False)
    client.force_login(LearnerFactory())
    page = client.get(join_url(program)).content.decode()
    assert "isn't taking requests" in page
    assert "Send my request" not in page
    response = client.post(join_url(program), {"message": ""})
    assert response.status_code == 400
    assert "isn't taking requests" in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_a_second_pending_request_is_refused(client, site):
    existing = JoinRequestFactory()
    client.force_login(existing.person)
    page = client.get(join_url(existing.program)).content.decode()
    assert "You asked to join on" in page
    response = client.post(join_url(existing.program), {"message": "again"})
    assert response.status_code == 400
    assert "You asked to join on" in response.content.decode()
    assert JoinRequest.objects.count() == 1


def test_someone_already_enrolled_cannot_ask(client, site):
    enrollment = EnrollmentFactory(
        cohort=CohortFactory(program=ProgramFactory(accepts_join_requests=True))
    )
    client.force_login(enrollment.learner)
    response = client.post(join_url(enrollment.program), {"message": ""})
    assert response.status_code == 400
    assert "already enrolled" in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_a_message_longer_than_the_limit_is_refused(client, site):
    program = ProgramFactory(accepts_join_requests=True)
    client.force_login(LearnerFactory())
    response = client.post(join_url(program), {"message": "x" * 1001})
    assert response.status_code == 400
    assert "at most 1000 characters" in response.content.decode()
    assert not JoinRequest.objects.exists()
    with pytest.raises(ValidationError, match="under 1000"):
        services.join_request_create(person=LearnerFactory(), program=program, message="x" * 1001)


def test_an_unknown_program_is_a_404(client, site):
    client.force_login(LearnerFactory())
    assert client.get("/programs/no-such-program/join/").status_code == 404


def test_a_person_can_ask_again_after_a_decline():
    join_request = JoinRequestFactory()
    services.join_request_decline(join_request=join_request, decided_by=CoordinatorFactory())
    again = services.join_request_create(person=join_request.person, program=join_request.program)
    assert again.status == JoinRequest.Status.PENDING


# --- Privacy: one's own requests only ---------------------------------------------------


def test_a_person_sees_only_their_own_requests(client, site):
    mine = JoinRequestFactory(message="my own words")
    theirs = JoinRequestFactory(message="someone else's words")
    client.force_login(mine.person)
    listing = client.get(reverse("programs:join_request_list")).content.decode()
    assert mine.program.title in listing
    assert theirs.program.title not in listing
    response = client.get(reverse("programs:join_request_detail", args=[theirs.pk]))
    assert response.status_code == 404
    assert "someone else" not in response.content.decode()


def test_request_pages_need_an_account(client, site):
    join_request = JoinRequestFactory()
    for url in (
        reverse("programs:join_request_list"),
        reverse("programs:join_request_detail", args=[join_request.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


# --- Decisions (services) -------------------------------------------------------------------


def test_approving_enrolls_and_emails_the_person(django_capture_on_commit_callbacks, mailoutbox):
    join_request = JoinRequestFactory()
    cohort = CohortFactory(program=join_request.program)
    supervisor = SupervisorFactory()
    coordinator = CoordinatorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = services.join_request_approve(
            join_request=join_request, decided_by=coordinator, cohort=cohort, supervisor=supervisor
        )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.decided_by == coordinator and join_request.decided_at is not None
    assert (enrollment.learner, enrollment.cohort, enrollment.supervisor) == (
        join_request.person,
        cohort,
        supervisor,
    )
    (mail,) = mailoutbox
    assert mail.to == [join_request.person.email]
    assert "approved" in mail.body


def test_declining_keeps_the_note_and_emails_it(django_capture_on_commit_callbacks, mailoutbox):
    join_request = JoinRequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_decline(
            join_request=join_request,
            decided_by=CoordinatorFactory(),
            note="The next cohort opens in March; please ask again then.",
        )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not Enrollment.objects.exists()
    (mail,) = mailoutbox
    assert "opens in March" in mail.body
    assert "/programs/" in mail.body


def test_a_request_is_decided_once(mailoutbox):
    join_request = JoinRequestFactory()
    services.join_request_decline(join_request=join_request, decided_by=CoordinatorFactory())
    with pytest.raises(ValidationError, match="already declined"):
        services.join_request_approve(join_request=join_request, decided_by=CoordinatorFactory())
    assert not Enrollment.objects.exists()
    assert JoinRequest.objects.get().status == JoinRequest.Status.DECLINED


def test_approving_someone_enrolled_meanwhile_changes_nothing():
    join_request = JoinRequestFactory()
    services.enrollment_create(learner=join_request.person, program=join_request.program)
    with pytest.raises(ValidationError, match="already enrolled"):
        services.join_request_approve(join_request=join_request, decided_by=CoordinatorFactory())
    assert JoinRequest.objects.get().status == JoinRequest.Status.PENDING
