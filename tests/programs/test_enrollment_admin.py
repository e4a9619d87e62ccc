"""The coordinators' admin for programs, cohorts, enrollments, invitations and join requests,
over HTTP, including who is refused."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry

from courses.models import CourseIndexPage, CoursePage
from programs.models import (
    Cohort,
    Enrollment,
    Invitation,
    JoinRequest,
    Program,
    SupervisorAssignment,
)
from tests.programs.factories import (
    CohortFactory,
    EnrollmentFactory,
    InvitationFactory,
    JoinRequestFactory,
    ProgramFactory,
)
from tests.training.factories import (
    CoordinatorFactory,
    LeadTrainerFactory,
    LearnerFactory,
    SupervisorFactory,
    TrainerFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def staff(factory, **kwargs):
    user = factory(**kwargs)
    TOTP.activate(user, SECRET)
    return user


@pytest.fixture
def coordinator(client, site):
    user = staff(CoordinatorFactory, first_name="Casey", last_name="Brennan")
    client.force_login(user)
    return user


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def course(title: str) -> CoursePage:
    index = CourseIndexPage.objects.first()
    if index is None:
        from wagtail.models import Site

        home = Site.objects.get(is_default_site=True).root_page
        index = home.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    return index.add_child(
        instance=CoursePage(title=title, slug=title.lower().replace(" ", "-"), summary="A course.")
    )


# --- Listings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "programs_program:index",
        "programs_cohort:index",
        "programs_enrollment:index",
        "programs_invitation:index",
        "programs_joinrequest:index",
    ],
)
def test_a_coordinator_reaches_every_listing(client, coordinator, url):
    EnrollmentFactory()
    InvitationFactory()
    JoinRequestFactory()
    assert client.get(reverse(url)).status_code == 200


def test_the_enrollment_listing_shows_learners_and_filters_by_status(client, coordinator):
    active = EnrollmentFactory(learner=LearnerFactory(first_name="Ari", last_name="Active"))
    gone = EnrollmentFactory(learner=LearnerFactory(first_name="Wren", last_name="Withdrawn"))
    Enrollment.objects.filter(pk=gone.pk).update(status=Enrollment.Status.WITHDRAWN)
    page = client.get(reverse("programs_enrollment:index")).content.decode()
    assert "Ari Active" in page and "Wren Withdrawn" in page
    page = client.get(reverse("programs_enrollment:index") + "?status=active").content.decode()
    assert "Ari Active" in page and "Wren Withdrawn" not in page
    page = client.get(reverse("programs_enrollment:index") + "?q=wren").content.decode()
    assert "Wren Withdrawn" in page and "Ari Active" not in page
    assert active.program.title in client.get(reverse("programs_enrollment:index")).content.decode()


def test_the_admin_menu_shows_each_role_what_it_may_use(client, site):
    def menu_labels(user):
        client.force_login(user)
        page = client.get(reverse("wagtailadmin_home")).content.decode()
        return set(
            re.findall(r'"label": "([^"]+)"', page.replace("&quot;", '"').replace("\\u0026", "&"))
        )

    coordinator_menu = menu_labels(staff(CoordinatorFactory))
    assert {"Enrollment", "Programs", "Enrollments", "Invitations", "Join requests"} <= (
        coordinator_menu
    )
    supervisor_menu = menu_labels(staff(SupervisorFactory))
    assert "Programs" in supervisor_menu
    assert not {"Enrollments", "Invitations", "Join requests"} & supervisor_menu


# --- Refusals ----------------------------------------------------------------------------


def coordinator_only_urls():
    enrollment = EnrollmentFactory()
    join_request = JoinRequestFactory()
    invitation = InvitationFactory()
    program = enrollment.program
    return [
        ("get", reverse("programs_program:add")),
        ("get", reverse("programs_program:edit", args=[program.pk])),
        ("get", reverse("programs_cohort:add")),
        ("get", reverse("programs_enrollment:index")),
        ("get", reverse("programs_enrollment:add")),
        ("get", reverse("programs_enrollment:bulk")),
        ("get", reverse("programs_enrollment:edit", args=[enrollment.pk])),
        ("get", reverse("programs_enrollment:supervisor", args=[enrollment.pk])),
        ("post", reverse("programs_enrollment:supervisor", args=[enrollment.pk])),
        ("get", reverse("programs_enrollment:withdraw", args=[enrollment.pk])),
        ("post", reverse("programs_enrollment:withdraw", args=[enrollment.pk])),
        ("get", reverse("programs_invitation:index")),
        ("get", reverse("programs_invitation:add")),
        ("post", reverse("programs_invitation:add")),
        ("get", reverse("programs_invitation:edit", args=[invitation.pk])),
        ("post", reverse("programs_invitation:delete", args=[invitation.pk])),
        ("get", reverse("programs_joinrequest:index")),
        ("get", reverse("programs_joinrequest:edit", args=[join_request.pk])),
        ("post", reverse("programs_joinrequest:approve", args=[join_request.pk])),
        ("post", reverse("programs_joinrequest:decline", args=[join_request.pk])),
    ]


@pytest.mark.parametrize(
    "factory", [SupervisorFactory, TrainerFactory, LeadTrainerFactory], ids=lambda f: f.__name__
)
def test_other_staff_roles_are_refused_every_coordinator_view(client, site, factory):
    urls = coordinator_only_urls()
    client.force_login(staff(factory))
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code in (302, 403), (method, url, response.status_code)
        if response.status_code == 302:
            # Wagtail sends a refused staff member to the admin home with a message.
            assert response.url == reverse("wagtailadmin_home"), (method, url)
    assert Enrollment.objects.filter(status=Enrollment.Status.ACTIVE).count() == 1
    assert JoinRequest.objects.get().status == JoinRequest.Status.PENDING
    assert Invitation.objects.count() == 1


def test_a_learner_is_refused_every_coordinator_view(client, site):
    urls = coordinator_only_urls()
    client.force_login(LearnerFactory())
    for method, url in urls:
        assert getattr(client, method)(url).status_code == 403, (method, url)
    assert Enrollment.objects.filter(status=Enrollment.Status.ACTIVE).count() == 1


def test_supervisors_and_trainers_may_look_at_programs_but_not_change_them(client, site):
    program = ProgramFactory()
    for factory in (SupervisorFactory, TrainerFactory):
        client.force_login(staff(factory))
        page = client.get(reverse("programs_program:index")).content.decode()
        assert program.title in page
        assert reverse("programs_program:add") not in page
        assert client.get(reverse("programs_program:inspect", args=[program.pk])).status_code == 200
        response = client.post(
            reverse("programs_program:edit", args=[program.pk]), {"title": "Changed"}
        )
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    program.refresh_from_db()
    assert program.title != "Changed"


# --- Programs and cohorts ----------------------------------------------------------------


def inline_management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_a_coordinator_creates_a_program_with_ordered_required_courses(client, coordinator):
    ethics, sharing = course("Ethics and boundaries"), course("Sharing lived experience")
    data = {
        "title": "Peer mentor",
        "slug": "peer-mentor",
        "credential_title": "Certified Peer Recovery Mentor",
        "description": "Our main track.",
        "accepts_join_requests": "on",
        **inline_management("required_courses", 2),
        "practice_hours_required": "500",
        "supervision_hours_required": "25",
        "max_hours_per_entry": "8",
        "max_hours_per_day": "12",
        "max_hours_per_week": "",
        **inline_management("domain_requirements", 0),
        **inline_management("activity_types", 0),
        "required_courses-0-course": str(sharing.pk),
        "required_courses-0-ORDER": "1",
        "required_courses-0-id": "",
        "required_courses-1-course": str(ethics.pk),
        "required_courses-1-ORDER": "2",
        "required_courses-1-id": "",
    }
    assert client.get(reverse("programs_program:add")).status_code == 200
    # The course chooser of the inline panel opens for a coordinator.
    chooser = client.get(reverse("wagtailadmin_choose_page") + "?page_type=courses.coursepage")
    assert chooser.status_code == 200
    response = client.post(reverse("programs_program:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    program = Program.objects.get(slug="peer-mentor")
    assert program.accepts_join_requests
    ordered = [link.course.specific for link in program.required_courses.order_by("sort_order")]
    assert ordered == [sharing, ethics]

    # Reorder: ethics first.
    links = list(program.required_courses.order_by("sort_order"))
    data.update(
        {
            **inline_management("required_courses", 2, initial=2),
            "required_courses-0-id": str(links[0].pk),
            "required_courses-0-ORDER": "2",
            "required_courses-1-id": str(links[1].pk),
            "required_courses-1-ORDER": "1",
        }
    )
    response = client.post(reverse("programs_program:edit", args=[program.pk]), data)
    assert response.status_code == 302
    ordered = [link.course.specific for link in program.required_courses.order_by("sort_order")]
    assert ordered == [ethics, sharing]


def test_a_cohort_with_dates_the_wrong_way_round_is_refused(client, coordinator):
    program = ProgramFactory()
    response = client.post(
        reverse("programs_cohort:add"),
        {
            "program": program.pk,
            "name": "Spring",
            "start_date": "2027-03-01",
            "end_date": "2027-01-01",
        },
    )
    assert response.status_code == 200
    assert "on or after the start date" in response.content.decode()
    assert not Cohort.objects.exists()


def test_a_coordinator_creates_a_cohort_with_coordinators(client, coordinator):
    program = ProgramFactory()
    response = client.post(
        reverse("programs_cohort:add"),
        {
            "program": program.pk,
            "name": "Spring 2027",
            "start_date": "2027-03-01",
            "end_date": "",
            "coordinators": [coordinator.pk],
        },
    )
    assert response.status_code == 302
    cohort = Cohort.objects.get()
    assert list(cohort.coordinators.all()) == [coordinator]


# --- Enrolling -------------------------------------------------------------------------------


def test_a_coordinator_enrolls_one_person_by_email(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    learner, supervisor = LearnerFactory(email="sam@example.org"), SupervisorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programs_enrollment:add"),
            {
                "email": "SAM@example.org",
                "program": cohort.program.pk,
                "cohort": cohort.pk,
                "supervisor": supervisor.pk,
            },
        )
    assert response.status_code == 302
    enrollment = Enrollment.objects.get(learner=learner)
    assert (enrollment.cohort, enrollment.supervisor, enrollment.enrolled_by) == (
        cohort,
        supervisor,
        coordinator,
    )
    assert SupervisorAssignment.objects.get(enrollment=enrollment).assigned_by == coordinator
    assert [m.to for m in mailoutbox] == [["sam@example.org"]]


def test_enrolling_someone_twice_in_the_admin_says_so(client, coordinator):
    enrollment = EnrollmentFactory()
    response = client.post(
        reverse("programs_enrollment:add"),
        {"email": enrollment.learner.email, "program": enrollment.program.pk},
    )
    assert response.status_code == 200
    assert "already enrolled" in response.content.decode()
    assert Enrollment.objects.count() == 1


def test_enrolling_an_address_without_account_offers_an_invitation(client, coordinator):
    program = ProgramFactory()
    response = client.post(
        reverse("programs_enrollment:add"), {"email": "new@example.org", "program": program.pk}
    )
    page = response.content.decode()
    assert "No one has an account with this address yet" in page
    invite = (
        reverse("programs_invitation:add") + f"?emails=new%40example.org&amp;program={program.pk}"
    )
    assert invite in page
    assert not Enrollment.objects.exists()


def test_a_cohort_of_another_program_is_refused_in_the_form(client, coordinator):
    learner = LearnerFactory()
    response = client.post(
        reverse("programs_enrollment:add"),
        {"email": learner.email, "program": ProgramFactory().pk, "cohort": CohortFactory().pk},
    )
    assert "This cohort belongs to" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_the_bulk_form_reports_each_group_and_offers_to_invite(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    program = ProgramFactory()
    new = LearnerFactory(email="new.one@example.org")
    already = EnrollmentFactory(cohort=CohortFactory(program=program))
    text = f"new.one@example.org, {already.learner.email}\nno.account@example.org\nwhat?"
    assert client.get(reverse("programs_enrollment:bulk")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programs_enrollment:bulk"), {"emails": text, "program": program.pk}
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enrolled now (1)" in page and "new.one@example.org" in page
    assert "Already enrolled, left as they were (1)" in page
    assert "No account yet (1)" in page and "no.account@example.org" in page
    assert "Not email addresses, skipped (1)" in page
    assert Enrollment.objects.get(learner=new).enrolled_by == coordinator
    assert [m.to for m in mailoutbox] == [["new.one@example.org"]]

    # The offered button invites the people without an account, in one go.
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    assert form.group(1) == reverse("programs_invitation:add")
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(2)))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form.group(1), fields)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.program, invitation.invited_by) == (
        "no.account@example.org",
        program,
        coordinator,
    )
    assert mailoutbox[-1].to == ["no.account@example.org"]


def test_the_bulk_form_with_nothing_useful_changes_nothing(client, coordinator):
    response = client.post(
        reverse("programs_enrollment:bulk"), {"emails": " , ;", "program": ProgramFactory().pk}
    )
    assert response.status_code == 200
    assert "Paste at least one email address" in response.content.decode()
    assert not Enrollment.objects.exists()


# --- Supervisor changes and withdrawal ---------------------------------------------------------


def test_the_enrollment_page_shows_the_supervisor_history(client, coordinator):
    enrollment = EnrollmentFactory()
    page = client.get(reverse("programs_enrollment:edit", args=[enrollment.pk])).content.decode()
    assert "Supervisor history" in page
    assert enrollment.supervisor.get_full_name() in page
    assert reverse("programs_enrollment:supervisor", args=[enrollment.pk]) in page


def test_a_coordinator_changes_the_supervisor_and_keeps_history(client, coordinator):
    enrollment = EnrollmentFactory()
    first, second = enrollment.supervisor, SupervisorFactory()
    url = reverse("programs_enrollment:supervisor", args=[enrollment.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"supervisor": second.pk}, follow=True)
    assert "now supervises" in " ".join(messages_of(response))
    old, new = SupervisorAssignment.objects.filter(enrollment=enrollment).order_by(
        "started_at", "pk"
    )
    assert (old.supervisor, old.ended_at is not None) == (first, True)
    assert (new.supervisor, new.ended_at, new.assigned_by) == (second, None, coordinator)
    assert ModelLogEntry.objects.for_instance(enrollment).filter(user=coordinator).exists()


def test_choosing_someone_without_the_role_as_supervisor_is_refused(client, coordinator):
    enrollment = EnrollmentFactory()
    learner = LearnerFactory()
    response = client.post(
        reverse("programs_enrollment:supervisor", args=[enrollment.pk]), {"supervisor": learner.pk}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert SupervisorAssignment.objects.filter(enrollment=enrollment).count() == 1


def test_choosing_the_current_supervisor_again_changes_nothing(client, coordinator):
    enrollment = EnrollmentFactory()
    response = client.post(
        reverse("programs_enrollment:supervisor", args=[enrollment.pk]),
        {"supervisor": enrollment.supervisor.pk},
    )
    assert "already supervises" in response.content.decode()
    assert SupervisorAssignment.objects.filter(enrollment=enrollment).count() == 1


def test_a_coordinator_withdraws_an_enrollment(client, coordinator):
    enrollment = EnrollmentFactory()
    url = reverse("programs_enrollment:withdraw", args=[enrollment.pk])
    assert "Yes, withdraw" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.WITHDRAWN and enrollment.ended_at is not None
    # A second withdrawal says so and changes nothing.
    ended_at = enrollment.ended_at
    response = client.post(url, follow=True)
    assert "already withdrawn" in " ".join(messages_of(response))
    enrollment.refresh_from_db()
    assert enrollment.ended_at == ended_at


def test_the_cohort_can_be_changed_within_the_program_only(client, coordinator):
    enrollment = EnrollmentFactory()
    same_program = CohortFactory(program=enrollment.program)
    elsewhere = CohortFactory()
    url = reverse("programs_enrollment:edit", args=[enrollment.pk])
    response = client.post(url, {"cohort": elsewhere.pk})
    assert response.status_code == 200
    enrollment.refresh_from_db()
    assert enrollment.cohort != elsewhere
    response = client.post(url, {"cohort": same_program.pk})
    assert response.status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.cohort == same_program


def test_an_unknown_enrollment_is_a_404(client, coordinator):
    assert client.get(reverse("programs_enrollment:supervisor", args=[999999])).status_code == 404
    assert client.post(reverse("programs_enrollment:withdraw", args=[999999])).status_code == 404


# --- Invitations ---------------------------------------------------------------------------------


def test_a_coordinator_invites_people(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = CohortFactory()
    supervisor = SupervisorFactory()
    assert client.get(reverse("programs_invitation:add")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programs_invitation:add"),
            {
                "emails": "one@example.org\ntwo@example.org",
                "role": "learner",
                "program": cohort.program.pk,
                "cohort": cohort.pk,
                "supervisor": supervisor.pk,
            },
            follow=True,
        )
    assert "Sent 2 invitations" in " ".join(messages_of(response))
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "one@example.org",
        "two@example.org",
    ]
    assert sorted(m.to[0] for m in mailoutbox) == ["one@example.org", "two@example.org"]


def test_inviting_a_learner_without_a_program_is_refused(client, coordinator):
    response = client.post(
        reverse("programs_invitation:add"), {"emails": "x@example.org", "role": "learner"}
    )
    assert "Choose the program" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_coordinator_invites_a_supervisor(client, coordinator):
    response = client.post(
        reverse("programs_invitation:add"), {"emails": "mentor@example.org", "role": "supervisor"}
    )
    assert response.status_code == 302
    assert Invitation.objects.get().role == Invitation.Role.SUPERVISOR


def test_an_invitation_page_shows_its_state_and_accepted_ones_cannot_be_deleted(
    client, coordinator
):
    waiting = InvitationFactory()
    accepted = InvitationFactory(accepted_by=UserFactory())
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=accepted.created_at)
    page = client.get(reverse("programs_invitation:edit", args=[waiting.pk])).content.decode()
    assert "Waiting; open until" in page
    assert reverse("programs_invitation:delete", args=[waiting.pk]) in page
    page = client.get(reverse("programs_invitation:edit", args=[accepted.pk])).content.decode()
    assert "Accepted on" in page
    assert reverse("programs_invitation:delete", args=[accepted.pk]) not in page
    response = client.post(reverse("programs_invitation:delete", args=[accepted.pk]))
    assert response.status_code in (302, 403)
    assert Invitation.objects.filter(pk=accepted.pk).exists()
    response = client.post(reverse("programs_invitation:delete", args=[waiting.pk]))
    assert response.status_code == 302
    assert not Invitation.objects.filter(pk=waiting.pk).exists()


# --- Join requests ---------------------------------------------------------------------


def test_a_coordinator_approves_a_request_with_cohort_and_supervisor(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    join_request = JoinRequestFactory(message="I run a peer group on Tuesdays.")
    cohort = CohortFactory(program=join_request.program)
    supervisor = SupervisorFactory()
    page = client.get(reverse("programs_joinrequest:edit", args=[join_request.pk])).content.decode()
    assert "I run a peer group on Tuesdays." in page
    assert "Approve and enroll" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programs_joinrequest:approve", args=[join_request.pk]),
            {"approve-cohort": cohort.pk, "approve-supervisor": supervisor.pk},
        )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.decided_by == coordinator
    enrollment = Enrollment.objects.get(learner=join_request.person)
    assert (enrollment.cohort, enrollment.supervisor) == (cohort, supervisor)
    assert [m.to for m in mailoutbox] == [[join_request.person.email]]


def test_a_coordinator_declines_a_request_with_a_note(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    join_request = JoinRequestFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programs_joinrequest:decline", args=[join_request.pk]),
            {"decline-note": "We're full this season; please ask again in spring."},
        )
    assert response.status_code == 302
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert join_request.decision_note.startswith("We're full")
    assert not Enrollment.objects.exists()
    assert "ask again in spring" in mailoutbox[0].body


def test_a_decided_request_cannot_be_decided_again(client, coordinator, mailoutbox):
    join_request = JoinRequestFactory()
    client.post(
        reverse("programs_joinrequest:decline", args=[join_request.pk]), {"decline-note": ""}
    )
    response = client.post(reverse("programs_joinrequest:approve", args=[join_request.pk]), {})
    assert response.status_code == 400
    assert "already declined" in response.content.decode()
    assert not Enrollment.objects.exists()
    assert JoinRequest.objects.get().status == JoinRequest.Status.DECLINED


def test_a_cohort_of_another_program_cannot_be_chosen_when_approving(client, coordinator):
    join_request = JoinRequestFactory()
    response = client.post(
        reverse("programs_joinrequest:approve", args=[join_request.pk]),
        {"approve-cohort": CohortFactory().pk},
    )
    assert response.status_code == 400
    assert JoinRequest.objects.get().status == JoinRequest.Status.PENDING
    assert not Enrollment.objects.exists()


def test_a_too_long_decline_note_is_refused(client, coordinator):
    join_request = JoinRequestFactory()
    response = client.post(
        reverse("programs_joinrequest:decline", args=[join_request.pk]),
        {"decline-note": "x" * 1001},
    )
    assert response.status_code == 400
    assert JoinRequest.objects.get().status == JoinRequest.Status.PENDING


def test_join_requests_cannot_be_created_in_the_admin(client, coordinator):
    assert client.get(reverse("programs_joinrequest:add")).status_code in (302, 403)
    page = client.get(reverse("programs_joinrequest:index")).content.decode()
    assert reverse("programs_joinrequest:add") not in page


def test_the_admin_home_tells_coordinators_about_waiting_requests(client, coordinator):
    JoinRequestFactory()
    JoinRequestFactory()
    # Since issue 19 the count lives in the cockpit's "What waits for you" panel.
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    waiting = soup.find(id="cockpit-waiting-section")
    link = waiting.find("a", href=reverse("programs_joinrequest:index") + "?status=pending")
    assert link.find(class_="cockpit-waiting__count").get_text(strip=True) == "2"


def test_the_history_of_an_enrollment_names_who_did_what(client, coordinator):
    enrollment = EnrollmentFactory()
    client.post(reverse("programs_enrollment:withdraw", args=[enrollment.pk]))
    page = client.get(reverse("programs_enrollment:history", args=[enrollment.pk])).content.decode()
    assert "Withdraw" in page
    assert "Casey Brennan" in page
