"""Issue #19, joining: the learner's dashboard tells them about a pending request
and its answer; coordinators get a daily digest of new requests; the approve form
starts from the program's one open cohort; the approval email reads right."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from programs import selectors, services
from programs.models import JoinRequest, JoinRequestDigest
from tests.programs.factories import (
    CohortFactory,
    EnrollmentFactory,
    JoinRequestFactory,
    ProgramFactory,
)
from tests.training.factories import CoordinatorFactory, LearnerFactory, SupervisorFactory

pytestmark = pytest.mark.django_db

ASK_TO_JOIN = "ask to join a program</a> to open its lessons"


def dashboard(client, person) -> str:
    client.force_login(person)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


# --- a. The learner's dashboard --------------------------------------------------------


def test_a_pending_request_shows_on_the_dashboard_instead_of_ask_to_join(client, site):
    learner = LearnerFactory()
    assert ASK_TO_JOIN in dashboard(client, learner)
    program = ProgramFactory(accepts_join_requests=True, title="Peer Mentor Program")
    asked = JoinRequestFactory(person=learner, program=program)
    JoinRequest.objects.filter(pk=asked.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 11, 3, 9, 0))
    )
    page = dashboard(client, learner)
    assert (
        "You asked to join Peer Mentor Program on 3 November 2026; a coordinator will answer "
        "by email." in page
    )
    assert ASK_TO_JOIN not in page


def test_a_declined_request_shows_the_note_and_that_they_may_ask_again(client, site):
    learner = LearnerFactory()
    join_request = JoinRequestFactory(person=learner, program__title="Peer Mentor Program")
    services.join_request_decline(
        join_request=join_request,
        decided_by=CoordinatorFactory(),
        note="The next cohort opens in March; please ask again then.",
    )
    page = dashboard(client, learner)
    assert "this time the answer was no" in page
    assert "The next cohort opens in March; please ask again then." in page
    assert reverse("programs:join_request_create", args=[join_request.program.slug]) in page
    # Not pending any more: the way to ask is offered again.
    assert ASK_TO_JOIN in page


def test_a_declined_request_of_a_program_that_takes_none_now_says_so(client, site):
    learner = LearnerFactory()
    join_request = JoinRequestFactory(person=learner)
    services.join_request_decline(join_request=join_request, decided_by=CoordinatorFactory())
    join_request.program.accepts_join_requests = False
    join_request.program.save()
    page = dashboard(client, learner)
    assert "isn't taking requests at the moment" in page
    assert reverse("programs:join_request_create", args=[join_request.program.slug]) not in page


def test_an_approved_request_shows_as_the_program_itself(client, site):
    learner = LearnerFactory()
    join_request = JoinRequestFactory(person=learner, program__title="Peer Mentor Program")
    services.join_request_approve(join_request=join_request, decided_by=CoordinatorFactory())
    page = dashboard(client, learner)
    assert 'id="program-' in page
    assert "Your request to join" not in page
    assert ASK_TO_JOIN not in page


def test_asking_again_after_a_decline_shows_the_new_request_only():
    learner = LearnerFactory()
    first = JoinRequestFactory(person=learner)
    services.join_request_decline(join_request=first, decided_by=CoordinatorFactory())
    again = services.join_request_create(person=learner, program=first.program)
    shown = selectors.join_requests_for_dashboard(learner)
    assert shown.requests == [again]
    assert shown.pending


def test_an_old_decline_is_no_longer_shown():
    learner = LearnerFactory()
    join_request = JoinRequestFactory(person=learner)
    services.join_request_decline(join_request=join_request, decided_by=CoordinatorFactory())
    JoinRequest.objects.update(decided_at=timezone.now() - datetime.timedelta(days=61))
    assert not selectors.join_requests_for_dashboard(learner)


def test_nobody_sees_another_persons_request(client, site):
    JoinRequestFactory(program__title="Someone else's program")
    page = dashboard(client, LearnerFactory())
    assert "Someone else&#x27;s program" not in page


def test_a_person_with_no_request_to_show_costs_one_query(django_assert_num_queries):
    learner = LearnerFactory()
    old = JoinRequestFactory(person=learner)
    services.join_request_decline(join_request=old, decided_by=CoordinatorFactory())
    JoinRequest.objects.filter(pk=old.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=61)
    )
    with django_assert_num_queries(1):
        shown = selectors.join_requests_for_dashboard(learner)
    assert not shown


def test_the_requests_cost_two_queries_however_many(django_assert_num_queries):
    learner = LearnerFactory()
    for _ in range(5):
        join_request = JoinRequestFactory(person=learner)
        services.join_request_decline(join_request=join_request, decided_by=CoordinatorFactory())
    for _ in range(5):
        JoinRequestFactory(person=learner)
    with django_assert_num_queries(2):
        shown = selectors.join_requests_for_dashboard(learner)
        titles = [r.program.title for r in shown.requests]
    assert len(titles) == 10


# --- b. The coordinators' digest -----------------------------------------------------------


def test_two_new_requests_make_one_digest_for_each_coordinator_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    casey, robin = CoordinatorFactory(first_name="Casey"), CoordinatorFactory(first_name="Robin")
    supervisor, learner = SupervisorFactory(), LearnerFactory()
    CoordinatorFactory(is_active=False)
    first = JoinRequestFactory(person__first_name="Jamie", person__last_name="Lee")
    second = JoinRequestFactory(person__first_name="Drew", person__last_name="Park")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.join_request_digests_send() == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([casey.email, robin.email])
    for mail in mailoutbox:
        assert mail.subject.endswith("2 new requests to join a program")
        assert "Jamie Lee asked to join " + first.program.title in mail.body
        assert "Drew Park asked to join " + second.program.title in mail.body
        assert reverse("programs_joinrequest:edit", args=[first.pk]) in mail.body
        assert reverse("programs_joinrequest:edit", args=[second.pk]) in mail.body
        # The person's message stays in the admin.
        assert first.message not in mail.body
    assert not [m for m in mailoutbox if m.to[0] in (supervisor.email, learner.email)]

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.join_request_digests_send() == 0
    assert mailoutbox == []


def test_the_next_digest_lists_only_requests_made_since(
    mailoutbox, django_capture_on_commit_callbacks
):
    CoordinatorFactory()
    JoinRequestFactory(
        person__first_name="Jamie", created_at=timezone.now() - datetime.timedelta(days=2)
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.join_request_digests_send(today=yesterday)
    JoinRequestDigest.objects.update(sent_at=timezone.now() - datetime.timedelta(days=1))
    # Nothing new: no email, even on a new day.
    assert services.join_request_digests_send() == 0
    JoinRequestFactory(person__first_name="Drew", person__last_name="Park")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.join_request_digests_send() == 1
    (mail,) = mailoutbox
    assert mail.subject.endswith(" 1 new request to join a program")
    assert "Drew Park" in mail.body and "Jamie" not in mail.body


def test_a_request_decided_before_the_digest_is_not_in_it(mailoutbox):
    CoordinatorFactory()
    join_request = JoinRequestFactory()
    services.join_request_decline(join_request=join_request, decided_by=CoordinatorFactory())
    assert services.join_request_digests_send() == 0


def test_the_daily_jobs_send_the_digest(mailoutbox, settings):
    CoordinatorFactory()
    JoinRequestFactory()
    assert ["send_join_request_digests"] in settings.PEERPATH_DAILY_COMMANDS
    call_command("send_join_request_digests", stdout=open("/dev/null", "w"))
    call_command("send_join_request_digests", stdout=open("/dev/null", "w"))
    assert JoinRequestDigest.objects.count() == 1


# --- c. The approve form's defaults ----------------------------------------------------------


@pytest.fixture
def coordinator(client, site):
    user = CoordinatorFactory()
    TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(user)
    return user


def approve_form(client, join_request):
    response = client.get(reverse("programs_joinrequest:edit", args=[join_request.pk]))
    assert response.status_code == 200
    return response.context["approve_form"]


def test_the_programs_one_open_cohort_is_chosen_already(client, coordinator):
    join_request = JoinRequestFactory()
    today = timezone.localdate()
    CohortFactory(
        program=join_request.program,
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=30),
    )
    open_one = CohortFactory(program=join_request.program, name="November 2026 cohort")
    CohortFactory()  # another program's
    form = approve_form(client, join_request)
    assert form["cohort"].value() == open_one.pk
    assert f'<option value="{open_one.pk}" selected>' in str(form["cohort"])
    page = client.get(reverse("programs_joinrequest:edit", args=[join_request.pk]))
    assert "November 2026 cohort is chosen because it is the program" in page.content.decode()


def test_with_two_open_cohorts_or_none_the_coordinator_chooses(client, coordinator):
    join_request = JoinRequestFactory()
    assert approve_form(client, join_request)["cohort"].value() is None
    CohortFactory(program=join_request.program)
    CohortFactory(program=join_request.program)
    assert approve_form(client, join_request)["cohort"].value() is None


# --- d. The approval email --------------------------------------------------------------------


def test_the_approval_email_names_the_cohort_once(mailoutbox, django_capture_on_commit_callbacks):
    join_request = JoinRequestFactory()
    cohort = CohortFactory(program=join_request.program, name="November 2026 cohort")
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_approve(
            join_request=join_request, decided_by=CoordinatorFactory(), cohort=cohort
        )
    (mail,) = mailoutbox
    assert "You're in the November 2026 cohort." in mail.body
    assert "cohort November" not in mail.body
    html = mail.alternatives[0][0]
    assert "You&#x27;re in the November 2026 cohort." in html or (
        "You're in the November 2026 cohort." in html
    )


def test_a_cohort_name_without_the_word_reads_right_too(
    mailoutbox, django_capture_on_commit_callbacks
):
    learner = LearnerFactory()
    cohort = CohortFactory(name="Spring 2027")
    with django_capture_on_commit_callbacks(execute=True):
        services.enrollment_create(learner=learner, program=cohort.program, cohort=cohort)
    assert "You're in the Spring 2027 cohort." in mailoutbox[0].body


def test_enrolled_learners_are_not_shown_requests(client, site):
    enrollment = EnrollmentFactory()
    JoinRequestFactory(person=enrollment.learner, program=enrollment.program)
    assert not selectors.join_requests_for_dashboard(enrollment.learner)


def test_waiting_requests_come_first():
    learner = LearnerFactory()
    waiting = JoinRequestFactory(person=learner)
    declined = JoinRequestFactory(person=learner)
    services.join_request_decline(join_request=declined, decided_by=CoordinatorFactory())
    assert selectors.join_requests_for_dashboard(learner).requests == [waiting, declined]
