"""Who may see what: every URL of ours, asked for by every role and by nobody.

The URL list is not typed by hand: `our_patterns()` walks Django's resolver
and finds every pattern our apps own (their views, our viewsets' admin views,
the patterns in training/urls.py). `test_the_table_names_every_url_pattern_of_ours`
fails when one of them has no row in TABLE, so a new page cannot ship without
someone deciding who may open it; it also fails on rows for patterns that no
longer exist.

Each row says, per role, what asking for the page answers:

    ok     200
    login  a redirect to the sign-in page (the person is not signed in)
    no     refused: 403 or 404, or Wagtail's "no permission" redirect to the
           admin home
    redir  any other redirect (for example back to the lesson after a POST)
    bad    400: the request was understood and refused for its content
    done   the POST took effect (the row's `effect` saw the change), whatever
           the view answered: for views that redirect either way

Rows are GET unless marked POST. POST-only views are sent the row's `data`
(an empty form unless given), aimed at the learner's records, so what is
checked is whether the action goes through for that role. Every request runs
in a savepoint that is rolled back, so one request never changes what the
next one sees.

Wagtail's and allauth's own patterns are not ours and are left out, except a
few entry points listed in TABLE (sign-in, the admin home, page serving and
editing for our page types). EXCLUDED lists the patterns the walk counts as
ours that still belong to a library, each with its reason.
"""

# ruff: noqa: E731 - the table's argument helpers are one-line lambdas

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

OUR_APPS = {
    "training",
    "programs",
    "practice",
    "courses",
    "assessments",
    "certificates",
    "renewals",
    "dashboard",
}

ROLES = (
    "anonymous",
    "learner",
    "other_learner",
    "supervisor",
    "other_supervisor",
    "trainer",
    "lead_trainer",
    "coordinator",
    "admin",
)

# Patterns the walk finds "ours" (their model is our User) that are Wagtail's
# own user admin: Wagtail's permission checks guard them, and only
# administrators hold `auth` permissions here. Their entry point,
# wagtailusers_users:index, has a row in TABLE.
EXCLUDED = {
    "wagtailusers_users:add",
    "wagtailusers_users:copy",
    "wagtailusers_users:edit",
    "wagtailusers_users:delete",
    "wagtailusers_users:history",
    "wagtailusers_users:history_results",
    "wagtailusers_users:index_results",
    "wagtailusers_users:usage",
}


# --- The walk ------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    name: str | None
    route: str
    ours: bool


def _app_of(value) -> str:
    if isinstance(value, str):  # "app_label.Model"
        return value.split(".")[0]
    return (getattr(value, "__module__", "") or "").split(".")[0]


def _walk(patterns, prefix="", namespace="", top_level=True):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, False)
        elif isinstance(pattern, URLPattern):
            callback = pattern.callback
            view = getattr(callback, "view_class", callback)
            model = (getattr(callback, "view_initkwargs", None) or {}).get("model")
            ours = (
                top_level  # declared in training/urls.py itself
                or _app_of(view) in OUR_APPS
                or (model is not None and _app_of(model) in OUR_APPS)
            )
            name = namespace + pattern.name if pattern.name else None
            yield Found(name, prefix + str(pattern.pattern), ours)


def all_patterns() -> list[Found]:
    return list(_walk(get_resolver().url_patterns))


def our_patterns() -> list[Found]:
    return [found for found in all_patterns() if found.ours and found.name not in EXCLUDED]


# --- The world: one object for every URL parameter --------------------------------------


class World:
    """A program with a course, a lesson with a reflection prompt, a quiz; a learner
    enrolled with a supervisor, with hours, attempts, a certificate; a second
    learner in the same cohort with a supervisor of their own; and each staff role."""

    PROMPT_ID = "a1b2c3d4-0000-4000-8000-000000000001"

    def __init__(self):
        from allauth.mfa.totp.internal.auth import TOTP
        from wagtail.models import Collection

        from assessments.models import Accommodation
        from assessments.services import attempt_start, attempt_submit
        from courses.site_setup import PUBLIC_DOCUMENTS_COLLECTION
        from dashboard.models import AccountClosure
        from practice.models import HoursEntry
        from programs.models import Domain
        from tests.assessments.factories import right_answers
        from tests.certificates.factories import CertificateFactory
        from tests.certificates.scenario import Scenario
        from tests.courses.factories import block, make_document, reflection
        from tests.practice.factories import HoursEntryFactory
        from tests.programs.factories import (
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

        scenario = Scenario()
        self.program = scenario.program
        self.course = scenario.course
        self.lesson = scenario.lesson
        self.worksheet = make_document("worksheet.pdf", b"%PDF-1.4 worksheet")
        self.handout = make_document("handout.pdf", b"%PDF-1.4 used nowhere")
        self.public_handout = make_document("welcome.pdf", b"%PDF-1.4 for everyone")
        self.public_handout.collection = Collection.objects.get(name=PUBLIC_DOCUMENTS_COLLECTION)
        self.public_handout.save()
        self.lesson.body = [
            block("heading", {"text": "Hello", "level": "h2"}),
            reflection(block_id=self.PROMPT_ID),
            block("download", {"document": self.worksheet.pk, "title": "Worksheet"}),
        ]
        self.lesson.save_revision().publish()
        self.quiz = scenario.quiz
        self.certification = scenario.certification
        self.enrollment = scenario.enrollment
        self.cohort = self.enrollment.cohort

        secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

        def staff(user):
            TOTP.activate(user, secret)
            return user

        self.users = {
            "anonymous": None,
            "learner": scenario.learner,
            "supervisor": staff(self.enrollment.supervisor),
            "other_supervisor": staff(SupervisorFactory()),
            "trainer": staff(TrainerFactory()),
            "lead_trainer": staff(LeadTrainerFactory()),
            "coordinator": staff(CoordinatorFactory()),
            "admin": staff(UserFactory(is_superuser=True, is_staff=True)),
        }
        # Same cohort, so program-level gates let them through: only ownership
        # keeps them from the learner's records.
        self.other_enrollment = EnrollmentFactory(
            cohort=self.enrollment.cohort, supervisor=self.users["other_supervisor"]
        )
        self.users["other_learner"] = self.other_enrollment.learner

        S = HoursEntry.Status
        self.draft = HoursEntryFactory(enrollment=self.enrollment, status=S.DRAFT)
        self.submitted = HoursEntryFactory(enrollment=self.enrollment, status=S.SUBMITTED)
        self.approved = HoursEntryFactory(enrollment=self.enrollment, status=S.APPROVED)

        self.open_program = ProgramFactory(accepts_join_requests=True)
        self.domain = Domain.objects.order_by("pk").first()
        self.join_request = JoinRequestFactory(person=scenario.learner, program=self.open_program)
        self.invitation = InvitationFactory(program=self.program)

        learner = scenario.learner
        finished = attempt_start(learner=learner, quiz=self.quiz)
        attempt_submit(attempt_id=finished.pk, learner=learner, responses=right_answers(finished))
        self.finished_attempt = finished
        self.open_attempt = attempt_start(learner=learner, quiz=self.quiz)
        self.accommodation = Accommodation.objects.create(
            learner=learner,
            quiz=self.quiz,
            extra_attempts=1,
            reason="Screen reader user.",
            granted_by=self.users["coordinator"],
        )
        self.certificate = CertificateFactory(
            enrollment=self.enrollment, issued_by=self.users["coordinator"]
        )
        # The learner's CE log: one entry with a proof.
        from django.core.files.uploadedfile import SimpleUploadedFile

        from renewals.models import CECategory
        from renewals.services import ce_entry_record

        self.renewal_rules = self.certification.renewal_rules
        self.ce_category = CECategory.objects.get(name="Ethics")
        self.ce_entry = ce_entry_record(
            holder=learner,
            certificate=self.certificate,
            activity="Ethics refresher",
            provider="Peer network",
            date=self.certificate.issued_on,
            hours="2",
            proof=SimpleUploadedFile("proof.pdf", b"%PDF-1.4 proof"),
        )
        # A renewal of the certificate, waiting in the coordinators' queue.
        from renewals.models import Renewal

        self.renewal = Renewal.objects.create(certificate=self.certificate, evidence={})
        # A name change the learner asked for and a coordinator declined: the
        # coordinators' pages open for it, and the learner may ask again.
        from certificates.services import name_change_decline, name_change_request

        self.name_change = name_change_request(
            certificate_id=self.certificate.pk,
            holder=learner,
            new_name="Jordan Ortiz",
            reason="A new name.",
        )
        name_change_decline(
            request_id=self.name_change.pk,
            by=self.users["coordinator"],
            reason="Please add your surname.",
        )
        # A third person: a pending closure stops its owner's sign-in.
        closing = LearnerFactory()
        self.closure = AccountClosure.objects.create(user=closing, user_email=closing.email)


# --- The table ------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """`expect` lists one outcome per role, in ROLES order."""

    name: str
    expect: str
    args: Callable[[World], dict] = field(default=lambda w: {})
    method: str = "GET"
    label: str = ""
    path: Callable[[World], str] | None = None
    # What a POST sends (an empty form unless given) and, for views that
    # redirect whatever happened, how to tell that the action took effect.
    data: Callable[[World], dict] | None = None
    json: bool = False
    effect: Callable[[World, object], bool] | None = None

    @property
    def key(self) -> str:
        return self.label or self.name

    def url(self, world: World) -> str:
        if self.path is not None:
            return self.path(world)
        return reverse(self.name, kwargs=self.args(world))

    def outcomes(self) -> dict[str, str]:
        words = self.expect.split()
        assert len(words) == len(ROLES), f"{self.key}: {len(words)} outcomes for {len(ROLES)}"
        return dict(zip(ROLES, words, strict=True))


def pk(attribute):
    return lambda w: {"pk": getattr(w, attribute).pk}


def _status(model_attr):
    """The current status of one of the world's records."""

    def read(w):
        record = getattr(w, model_attr)
        return type(record).objects.filter(pk=record.pk).values_list("status", flat=True).first()

    return read


def changed(model_attr):
    """The record's status is not what the world made it (or the record is gone)."""
    read = _status(model_attr)
    return lambda w, user: read(w) != getattr(w, model_attr).status


def first_answer(w) -> dict:
    question = w.open_attempt.snapshot["questions"][0]
    return {"question": question["id"], "choices": [question["choices"][0]["id"]]}


def answered(w, user) -> bool:
    attempt = type(w.open_attempt).objects.get(pk=w.open_attempt.pk)
    return attempt.responses != w.open_attempt.responses


def lesson_completed(w, user) -> bool:
    from courses.models import LessonCompletion

    return LessonCompletion.objects.filter(learner=user, lesson=w.lesson).exists()


def reflection_saved(w, user) -> bool:
    from courses.models import Reflection

    return Reflection.objects.filter(author=user).exists()


def attempt_started(w, user) -> bool:
    from assessments.models import Attempt

    return Attempt.objects.filter(quiz=w.quiz).count() > 2


def ce_entry_gone(w, user) -> bool:
    from renewals.models import CEEntry

    return not CEEntry.objects.filter(pk=w.ce_entry.pk).exists()


def name_change_asked(w, user) -> bool:
    from certificates.models import NameChangeRequest

    return NameChangeRequest.objects.filter(status=NameChangeRequest.Status.PENDING).exists()


def closure_asked(w, user) -> bool:
    from dashboard.models import AccountClosure

    return user is not None and AccountClosure.objects.filter(user=user).exists()


# One-line helpers that turn the world into URL arguments and POST data.
PROGRAM = lambda w: {"slug": w.program.slug}
OPEN_PROGRAM = lambda w: {"slug": w.open_program.slug}
ENTRY = lambda w: {"slug": w.program.slug, "pk": w.draft.pk}
SUBMITTED_ENTRY = lambda w: {"slug": w.program.slug, "pk": w.submitted.pk}
JOIN_REQUEST = pk("join_request")
TOKEN = lambda w: {"token": w.invitation.token}
LESSON = lambda w: {"lesson_id": w.lesson.pk}
PROMPT = lambda w: {"lesson_id": w.lesson.pk, "prompt_id": w.PROMPT_ID}
QUIZ = lambda w: {"quiz_id": w.quiz.pk}
OPEN_ATTEMPT = lambda w: {"attempt_id": w.open_attempt.pk}
FINISHED_ATTEMPT = lambda w: {"attempt_id": w.finished_attempt.pk}
CODE = lambda w: {"code": w.certificate.code}
ETHICS = lambda w: {"program_slug": w.program.slug}
ENROLLMENT_ID = lambda w: {"enrollment_id": w.enrollment.pk}
CERTIFICATE_ID = lambda w: {"certificate_id": w.certificate.pk}
CE_ENTRY = lambda w: {"public_id": w.ce_entry.public_id}
CLOSURE_ID = lambda w: {"closure_id": w.closure.pk}
NAME_CHANGE_ID = lambda w: {"request_id": w.name_change.pk}
NEW_NAME = lambda w: {"new_name": "Jordan Ortiz", "reason": "A new name."}
NOT_A_PDF = lambda w: {"pdf": SimpleUploadedFile("certificate.pdf", b"%PDF-1.7 not really")}
LESSON_PAGE = lambda w: {"page_id": w.lesson.pk}
DOCUMENT = lambda name: (
    lambda w: {"document_id": getattr(w, name).pk, "document_filename": getattr(w, name).filename}
)
HOME = lambda w: "/"
COURSE_PAGE = lambda w: w.course.url
LESSON_PAGE_URL = lambda w: w.lesson.url
QUIZ_PAGE = lambda w: w.quiz.url
# What the POST rows send.
CONFIRM = lambda w: {"confirm": "on"}
DRAFT_IDS = lambda w: {"entries": [w.draft.pk]}
REFLECTION_TEXT = lambda w: {f"reflection-{w.PROMPT_ID}-text": "Listening first."}
SUBMITTED_IDS = lambda w: {"entries": [w.submitted.pk]}
RETURN_NOTE = lambda w: {"entries": [w.submitted.pk], "comment": "Please add the setting."}
REOPEN_REASON = lambda w: {"reason": "Logged under the wrong date."}

# fmt: off
#                                          anon  lrn   other sup   o.sup trn   lead  coord admin
TABLE = [
    # Project level (training/urls.py)
    Row("healthz",                        "ok    ok    ok    ok    ok    ok    ok    ok    ok"),
    Row("wagtailadmin_login_redirect",    "login no    no    login login login login login login"),
    # Anyone may choose a language; it changes only their own profile and cookie.
    Row("choose_language",                "redir redir redir redir redir redir redir redir redir",
        method="POST", data=lambda w: {"language": "es", "next": "/"},
    ),
    Row("document_serve",                 "login ok    ok    ok    ok    ok    ok    ok    ok",
        DOCUMENT("worksheet"), label="document: a lesson's worksheet",
    ),
    Row("document_serve",                 "login no    no    ok    ok    ok    ok    ok    ok",
        DOCUMENT("handout"), label="document: used nowhere",
    ),
    Row("document_serve",                 "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        DOCUMENT("public_handout"), label="document: public",
    ),
    # Dashboard
    Row("dashboard",                      "login ok    ok    ok    ok    ok    ok    ok    ok"),
    Row("dashboard_data",                 "login ok    ok    ok    ok    ok    ok    ok    ok"),
    Row("dashboard_data_export",          "login ok    ok    ok    ok    ok    ok    ok    ok"),
    Row("dashboard_data_close",           "login done  done  done  done  done  done  done  done",
        method="POST", data=CONFIRM, effect=closure_asked,
    ),
    Row("dashboard_closed",               "ok    ok    ok    ok    ok    ok    ok    ok    ok"),
    # Programs, join requests, invitations, practice hours (programs/urls.py, practice/urls.py)
    Row("programs:program_list",          "ok    ok    ok    ok    ok    ok    ok    ok    ok"),
    Row("programs:join_request_list",     "login ok    ok    ok    ok    ok    ok    ok    ok"),
    Row("programs:join_request_detail",   "login ok    no    no    no    no    no    no    no",
        JOIN_REQUEST,
    ),
    Row("programs:invitation",            "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        TOKEN,
    ),
    Row("programs:join_request_create",   "login ok    ok    ok    ok    ok    ok    ok    ok",
        OPEN_PROGRAM,
    ),
    Row("practice:hours_log",             "login ok    ok    no    no    no    no    no    no",
        PROGRAM,
    ),
    Row("practice:hours_add",             "login ok    ok    no    no    no    no    no    no",
        PROGRAM,
    ),
    Row("practice:hours_submit",          "login done  redir no    no    no    no    no    no",
        PROGRAM, method="POST", data=DRAFT_IDS, effect=changed("draft"),
    ),
    Row("practice:hours_csv",             "login ok    ok    no    no    no    no    no    no",
        PROGRAM,
    ),
    Row("practice:hours_print",           "login ok    ok    no    no    no    no    no    no",
        PROGRAM,
    ),
    Row("practice:hours_detail",          "login ok    no    no    no    no    no    no    no",
        ENTRY,
    ),
    Row("practice:hours_edit",            "login ok    no    no    no    no    no    no    no",
        ENTRY,
    ),
    Row("practice:hours_delete",          "login done  no    no    no    no    no    no    no",
        ENTRY, method="POST", effect=changed("draft"),
    ),
    Row("practice:hours_withdraw",        "login done  no    no    no    no    no    no    no",
        SUBMITTED_ENTRY, method="POST", effect=changed("submitted"),
    ),
    # Lessons and reflections (courses/urls.py)
    Row("courses:lesson_complete",        "login done  done  no    no    no    no    no    no",
        LESSON, method="POST", effect=lesson_completed,
    ),
    Row("courses:reflection_save",        "login done  done  no    no    no    no    no    no",
        PROMPT, method="POST", data=REFLECTION_TEXT, effect=reflection_saved,
    ),
    Row("courses:reflections_download",   "login ok    ok    ok    ok    ok    ok    ok    ok"),
    # Quizzes (assessments/urls.py)
    Row("assessments:start",              "login redir done  no    no    no    no    no    no",
        QUIZ, method="POST", effect=attempt_started,
    ),
    Row("assessments:take",               "login ok    no    no    no    no    no    no    no",
        OPEN_ATTEMPT,
    ),
    Row("assessments:answer",             "login done  no    no    no    no    no    no    no",
        OPEN_ATTEMPT, method="POST", data=first_answer, json=True, effect=answered,
    ),
    Row("assessments:submit",             "login done  no    no    no    no    no    no    no",
        # Confirmed: a submit with questions left blank only warns (nothing graded).
        OPEN_ATTEMPT, method="POST", data=lambda w: {"confirm_unanswered": "1"},
        effect=changed("open_attempt"),
    ),
    Row("assessments:result",             "login ok    no    no    no    no    no    no    no",
        FINISHED_ATTEMPT,
    ),
    # Certificates (certificates/urls.py)
    Row("certificates:did_document",      "ok    ok    ok    ok    ok    ok    ok    ok    ok"),
    Row("certificates:verify_form",       "ok    ok    ok    ok    ok    ok    ok    ok    ok"),
    # Checking a PDF: anyone may; a file that is no PDF gets the calm error.
    Row("certificates:verify_form",       "bad   bad   bad   bad   bad   bad   bad   bad   bad",
        method="POST", data=NOT_A_PDF, label="certificates:verify_form (POST a file)",
    ),
    Row("certificates:verify_json",       "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        CODE,
    ),
    Row("certificates:verify",            "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        CODE,
    ),
    # The Open Badges credential (made on first request by the immediate task
    # backend of the tests) and the status lists: public, like the page.
    Row("certificates:credential",        "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        CODE,
    ),
    Row("certificates:credential_jwt",    "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        CODE,
    ),
    Row("certificates:status_list",       "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        lambda w: {"purpose": "revocation"},
    ),
    Row("certificates:mine",              "login ok    ok    ok    ok    ok    ok    ok    ok"),
    Row("certificates:ethics",            "login ok    ok    no    no    no    no    no    no",
        ETHICS,
    ),
    Row("certificates:download",          "login ok    no    no    no    no    no    ok    ok",
        CODE,
    ),
    Row("certificates:name_change",       "login ok    no    no    no    no    no    no    no",
        CODE,
    ),
    Row("certificates:name_change",       "login done  no    no    no    no    no    no    no",
        CODE, method="POST", data=NEW_NAME, effect=name_change_asked,
        label="certificates:name_change (POST)",
    ),
    # Admin views of ours (register_admin_urls hooks)
    Row("assessments_question_statistics","login no    no    no    no    ok    ok    ok    ok"),
    # The holders' CE log (renewals/urls.py): each entry is its holder's alone;
    # coordinators may open a proof.
    Row("renewals:log",                   "login ok    ok    ok    ok    ok    ok    ok    ok"),
    Row("renewals:add",                   "login ok    no    no    no    no    no    no    no",
        CODE,
    ),
    Row("renewals:edit",                  "login ok    no    no    no    no    no    no    no",
        CE_ENTRY,
    ),
    Row("renewals:delete",                "login ok    no    no    no    no    no    no    no",
        CE_ENTRY,
    ),
    Row("renewals:delete",                "login done  no    no    no    no    no    no    no",
        CE_ENTRY, method="POST", effect=ce_entry_gone, label="renewals:delete (POST)",
    ),
    Row("renewals:proof",                 "login ok    no    no    no    no    no    ok    ok",
        CE_ENTRY,
    ),
    # Asking to renew: only the holder; this world's certificate is too new
    # for its renewal window, so the answer is a redirect with the reason.
    Row("renewals:renew",                 "login redir no    no    no    no    no    no    no",
        CODE, method="POST",
    ),
    Row("renewals_admin_queue",           "login no    no    no    no    no    no    ok    ok"),
    Row("renewals_admin_review",          "login no    no    no    no    no    no    ok    ok",
        lambda w: {"renewal_id": w.renewal.pk},
    ),
    Row("certificates_admin_queue",       "login no    no    no    no    no    no    ok    ok"),
    Row("certificates_admin_review",      "login no    no    no    no    no    no    ok    ok",
        ENROLLMENT_ID,
    ),
    Row("certificates_admin_revoke",      "login no    no    no    no    no    no    ok    ok",
        CERTIFICATE_ID,
    ),
    Row("certificates_admin_reopen",      "login no    no    no    no    no    no    ok    ok",
        CERTIFICATE_ID,
    ),
    Row("certificates_admin_suspend",     "login no    no    no    no    no    no    ok    ok",
        CERTIFICATE_ID,
    ),
    Row("certificates_admin_reinstate",   "login no    no    no    no    no    no    ok    ok",
        CERTIFICATE_ID,
    ),
    Row("name_changes:index",             "login no    no    no    no    no    no    ok    ok"),
    Row("certificate_signature:edit",     "login no    no    no    no    no    no    ok    ok"),
    Row("name_changes:approve",           "login no    no    no    no    no    no    ok    ok",
        NAME_CHANGE_ID,
    ),
    Row("name_changes:decline",           "login no    no    no    no    no    no    ok    ok",
        NAME_CHANGE_ID,
    ),
    Row("dashboard_admin_confirm_erasure","login no    no    no    no    no    no    ok    ok",
        CLOSURE_ID,
    ),
    Row("courses_admin_redo",             "login no    no    no    no    no    ok    no    ok",
        lambda w: {"course_id": w.course.pk},
    ),
    # Admin viewsets of ours (viewsets.py)
    # Their paths before issue #15: a permanent redirect to the new path, for
    # whoever may open the admin (the new path then checks the permission).
    *(
        Row(f"old_admin_{old}", "login no    no    redir redir redir redir redir redir",
            lambda w: {"rest": ""})
        for old in (
            "program", "cohort", "enrollment", "invitation", "joinrequest",
            "practice_hours_review", "practice_hours_entries", "practice_hours_report",
        )
    ),
    Row("programs_program:index",                  "login no    no    ok    ok    ok    ok    ok    ok"),
    Row("programs_program:index_results",          "login no    no    ok    ok    ok    ok    ok    ok"),
    Row("programs_program:add",                    "login no    no    no    no    no    no    ok    ok"),
    Row("programs_program:edit",                   "login no    no    no    no    no    no    ok    ok",
        pk("program"),
    ),
    Row("programs_program:delete",                 "login no    no    no    no    no    no    no    ok",
        pk("program"),
    ),
    Row("programs_program:history",                "login no    no    no    no    no    no    ok    ok",
        pk("program"),
    ),
    Row("programs_program:history_results",        "login no    no    no    no    no    no    ok    ok",
        pk("program"),
    ),
    Row("programs_program:usage",                  "login no    no    no    no    no    no    ok    ok",
        pk("program"),
    ),
    Row("programs_program:inspect",                "login no    no    ok    ok    ok    ok    ok    ok",
        pk("program"),
    ),
    Row("programs_domain:index",                   "login no    no    no    no    no    no    ok    ok"),
    Row("programs_domain:index_results",           "login no    no    no    no    no    no    ok    ok"),
    Row("programs_domain:add",                     "login no    no    no    no    no    no    ok    ok"),
    Row("programs_domain:edit",                    "login no    no    no    no    no    no    ok    ok",
        pk("domain"),
    ),
    Row("programs_domain:delete",                  "login no    no    no    no    no    no    no    ok",
        pk("domain"),
    ),
    Row("programs_domain:history",                 "login no    no    no    no    no    no    ok    ok",
        pk("domain"),
    ),
    Row("programs_domain:history_results",         "login no    no    no    no    no    no    ok    ok",
        pk("domain"),
    ),
    Row("programs_domain:usage",                   "login no    no    no    no    no    no    ok    ok",
        pk("domain"),
    ),
    Row("programs_cohort:index",                   "login no    no    ok    ok    ok    ok    ok    ok"),
    Row("programs_cohort:index_results",           "login no    no    ok    ok    ok    ok    ok    ok"),
    Row("programs_cohort:add",                     "login no    no    no    no    no    no    ok    ok"),
    Row("programs_cohort:edit",                    "login no    no    no    no    no    no    ok    ok",
        pk("cohort"),
    ),
    Row("programs_cohort:delete",                  "login no    no    no    no    no    no    no    ok",
        pk("cohort"),
    ),
    Row("programs_cohort:history",                 "login no    no    no    no    no    no    ok    ok",
        pk("cohort"),
    ),
    Row("programs_cohort:history_results",         "login no    no    no    no    no    no    ok    ok",
        pk("cohort"),
    ),
    Row("programs_cohort:usage",                   "login no    no    no    no    no    no    ok    ok",
        pk("cohort"),
    ),
    Row("programs_cohort:inspect",                 "login no    no    ok    ok    ok    ok    ok    ok",
        pk("cohort"),
    ),
    Row("programs_enrollment:index",               "login no    no    no    no    no    no    ok    ok"),
    Row("programs_enrollment:index_results",       "login no    no    no    no    no    no    ok    ok"),
    Row("programs_enrollment:add",                 "login no    no    no    no    no    no    ok    ok"),
    Row("programs_enrollment:edit",                "login no    no    no    no    no    no    ok    ok",
        pk("enrollment"),
    ),
    Row("programs_enrollment:supervisor",          "login no    no    no    no    no    no    ok    ok",
        pk("enrollment"),
    ),
    Row("programs_enrollment:withdraw",            "login no    no    no    no    no    no    ok    ok",
        pk("enrollment"),
    ),
    Row("programs_enrollment:delete",              "login no    no    no    no    no    no    no    ok",
        pk("enrollment"),
    ),
    Row("programs_enrollment:history",             "login no    no    no    no    no    no    ok    ok",
        pk("enrollment"),
    ),
    Row("programs_enrollment:history_results",     "login no    no    no    no    no    no    ok    ok",
        pk("enrollment"),
    ),
    Row("programs_enrollment:usage",               "login no    no    no    no    no    no    ok    ok",
        pk("enrollment"),
    ),
    Row("programs_enrollment:bulk",                "login no    no    no    no    no    no    ok    ok"),
    Row("programs_invitation:index",               "login no    no    no    no    no    no    ok    ok"),
    Row("programs_invitation:index_results",       "login no    no    no    no    no    no    ok    ok"),
    Row("programs_invitation:add",                 "login no    no    no    no    no    no    ok    ok"),
    Row("programs_invitation:edit",                "login no    no    no    no    no    no    ok    ok",
        pk("invitation"),
    ),
    Row("programs_invitation:delete",              "login no    no    no    no    no    no    ok    ok",
        pk("invitation"),
    ),
    Row("programs_invitation:history",             "login no    no    no    no    no    no    ok    ok",
        pk("invitation"),
    ),
    Row("programs_invitation:history_results",     "login no    no    no    no    no    no    ok    ok",
        pk("invitation"),
    ),
    Row("programs_invitation:usage",               "login no    no    no    no    no    no    ok    ok",
        pk("invitation"),
    ),
    Row("programs_joinrequest:index",              "login no    no    no    no    no    no    ok    ok"),
    Row("programs_joinrequest:index_results",      "login no    no    no    no    no    no    ok    ok"),
    Row("programs_joinrequest:add",                "login no    no    no    no    no    no    no    no"),
    Row("programs_joinrequest:edit",               "login no    no    no    no    no    no    ok    ok",
        JOIN_REQUEST,
    ),
    Row("programs_joinrequest:approve",            "login no    no    no    no    no    no    done  done",
        JOIN_REQUEST, method="POST", effect=changed("join_request"),
    ),
    Row("programs_joinrequest:decline",            "login no    no    no    no    no    no    done  done",
        JOIN_REQUEST, method="POST", effect=changed("join_request"),
    ),
    Row("programs_joinrequest:delete",             "login no    no    no    no    no    no    no    ok",
        JOIN_REQUEST,
    ),
    Row("programs_joinrequest:history",            "login no    no    no    no    no    no    ok    ok",
        JOIN_REQUEST,
    ),
    Row("programs_joinrequest:history_results",    "login no    no    no    no    no    no    ok    ok",
        JOIN_REQUEST,
    ),
    Row("programs_joinrequest:usage",              "login no    no    no    no    no    no    ok    ok",
        JOIN_REQUEST,
    ),
    Row("practice_review:index",             "login no    no    ok    ok    no    no    no    ok"),
    Row("practice_review:results",           "login no    no    ok    ok    no    no    no    ok"),
    Row("practice_review:approve",           "login no    no    done  no    no    no    no    no",
        method="POST", data=SUBMITTED_IDS, effect=changed("submitted"),
    ),
    Row("practice_review:return",            "login no    no    done  no    no    no    no    no",
        method="POST", data=RETURN_NOTE, effect=changed("submitted"),
    ),
    Row("practice_review:entry",             "login no    no    ok    no    no    no    ok    ok",
        pk("submitted"),
    ),
    Row("practice_review:reopen",            "login no    no    bad   no    no    no    done  done",
        pk("approved"), method="POST", data=REOPEN_REASON, effect=changed("approved"),
    ),
    Row("practice_entry:index",               "login no    no    no    no    no    no    ok    ok"),
    Row("practice_entry:index_results",       "login no    no    no    no    no    no    ok    ok"),
    Row("practice_entry:add",                 "login no    no    no    no    no    no    no    no"),
    Row("practice_entry:edit",                "login no    no    redir redir redir redir redir redir",
        pk("submitted"),
    ),
    Row("practice_entry:delete",              "login no    no    no    no    no    no    no    no",
        pk("submitted"),
    ),
    Row("practice_entry:history",             "login no    no    no    no    no    no    no    ok",
        pk("submitted"),
    ),
    Row("practice_entry:history_results",     "login no    no    no    no    no    no    no    ok",
        pk("submitted"),
    ),
    Row("practice_entry:usage",               "login no    no    no    no    no    no    no    ok",
        pk("submitted"),
    ),
    Row("practice_report:index",             "login no    no    no    no    no    no    ok    ok"),
    Row("practice_report:results",           "login no    no    no    no    no    no    ok    ok"),
    Row("quiz_attempts:index",            "login no    no    no    no    ok    ok    ok    ok"),
    Row("quiz_attempts:index_results",    "login no    no    no    no    ok    ok    ok    ok"),
    Row("quiz_attempts:add",              "login no    no    no    no    no    no    no    no"),
    Row("quiz_attempts:edit",             "login no    no    no    no    no    no    no    no",
        pk("finished_attempt"),
    ),
    Row("quiz_attempts:delete",           "login no    no    no    no    no    no    no    no",
        pk("finished_attempt"),
    ),
    Row("quiz_attempts:history",          "login no    no    no    no    no    no    no    no",
        pk("finished_attempt"),
    ),
    Row("quiz_attempts:history_results",  "login no    no    no    no    no    no    no    no",
        pk("finished_attempt"),
    ),
    Row("quiz_attempts:usage",            "login no    no    no    no    no    no    no    no",
        pk("finished_attempt"),
    ),
    Row("quiz_attempts:inspect",          "login no    no    no    no    ok    ok    ok    ok",
        pk("finished_attempt"),
    ),
    Row("quiz_accommodations:index",      "login no    no    no    no    ok    ok    ok    ok"),
    Row("quiz_accommodations:index_results","login no    no    no    no    ok    ok    ok    ok"),
    Row("quiz_accommodations:add",        "login no    no    no    no    ok    ok    ok    ok"),
    Row("quiz_accommodations:edit",       "login no    no    no    no    ok    ok    ok    ok",
        pk("accommodation"),
    ),
    Row("quiz_accommodations:delete",     "login no    no    no    no    no    no    no    ok",
        pk("accommodation"),
    ),
    Row("quiz_accommodations:history",    "login no    no    no    no    ok    ok    ok    ok",
        pk("accommodation"),
    ),
    Row("quiz_accommodations:history_results","login no    no    no    no    ok    ok    ok    ok",
        pk("accommodation"),
    ),
    Row("quiz_accommodations:usage",      "login no    no    no    no    ok    ok    ok    ok",
        pk("accommodation"),
    ),
    Row("issued_certificates:index",      "login no    no    no    no    no    no    ok    ok"),
    Row("issued_certificates:index_results","login no    no    no    no    no    no    ok    ok"),
    Row("issued_certificates:add",        "login no    no    no    no    no    no    no    no"),
    Row("issued_certificates:edit",       "login no    no    no    no    no    no    no    no",
        pk("certificate"),
    ),
    Row("issued_certificates:delete",     "login no    no    no    no    no    no    no    no",
        pk("certificate"),
    ),
    Row("issued_certificates:history",    "login no    no    no    no    no    no    no    no",
        pk("certificate"),
    ),
    Row("issued_certificates:history_results","login no    no    no    no    no    no    no    no",
        pk("certificate"),
    ),
    Row("issued_certificates:usage",      "login no    no    no    no    no    no    no    no",
        pk("certificate"),
    ),
    Row("issued_certificates:inspect",    "login no    no    no    no    no    no    ok    ok",
        pk("certificate"),
    ),
    Row("certification_rules:index",      "login no    no    no    no    ok    ok    ok    ok"),
    Row("certification_rules:index_results","login no    no    no    no    ok    ok    ok    ok"),
    Row("certification_rules:add",        "login no    no    no    no    no    no    ok    ok"),
    Row("certification_rules:edit",       "login no    no    no    no    no    no    ok    ok",
        pk("certification"),
    ),
    Row("certification_rules:delete",     "login no    no    no    no    no    no    no    ok",
        pk("certification"),
    ),
    Row("certification_rules:history",    "login no    no    no    no    no    no    ok    ok",
        pk("certification"),
    ),
    Row("certification_rules:history_results","login no    no    no    no    no    no    ok    ok",
        pk("certification"),
    ),
    Row("certification_rules:usage",      "login no    no    no    no    no    no    ok    ok",
        pk("certification"),
    ),
    Row("renewal_rules:index",            "login no    no    no    no    no    no    ok    ok"),
    Row("renewal_rules:index_results",    "login no    no    no    no    no    no    ok    ok"),
    Row("renewal_rules:add",              "login no    no    no    no    no    no    ok    ok"),
    Row("renewal_rules:edit",             "login no    no    no    no    no    no    ok    ok",
        pk("renewal_rules"),
    ),
    Row("renewal_rules:delete",           "login no    no    no    no    no    no    no    ok",
        pk("renewal_rules"),
    ),
    Row("renewal_rules:history",          "login no    no    no    no    no    no    ok    ok",
        pk("renewal_rules"),
    ),
    Row("renewal_rules:history_results",  "login no    no    no    no    no    no    ok    ok",
        pk("renewal_rules"),
    ),
    Row("renewal_rules:usage",            "login no    no    no    no    no    no    ok    ok",
        pk("renewal_rules"),
    ),
    Row("ce_categories:index",            "login no    no    no    no    no    no    ok    ok"),
    Row("ce_categories:index_results",    "login no    no    no    no    no    no    ok    ok"),
    Row("ce_categories:add",              "login no    no    no    no    no    no    ok    ok"),
    Row("ce_categories:edit",             "login no    no    no    no    no    no    ok    ok",
        pk("ce_category"),
    ),
    Row("ce_categories:delete",           "login no    no    no    no    no    no    no    ok",
        pk("ce_category"),
    ),
    Row("ce_categories:history",          "login no    no    no    no    no    no    ok    ok",
        pk("ce_category"),
    ),
    Row("ce_categories:history_results",  "login no    no    no    no    no    no    ok    ok",
        pk("ce_category"),
    ),
    Row("ce_categories:usage",            "login no    no    no    no    no    no    ok    ok",
        pk("ce_category"),
    ),
    Row("ce_activities:index",            "login no    no    no    no    no    no    ok    ok"),
    Row("ce_activities:index_results",    "login no    no    no    no    no    no    ok    ok"),
    Row("ce_activities:add",              "login no    no    no    no    no    no    no    no"),
    Row("ce_activities:edit",             "login no    no    no    no    no    no    no    no",
        pk("ce_entry"),
    ),
    Row("ce_activities:delete",           "login no    no    no    no    no    no    no    no",
        pk("ce_entry"),
    ),
    Row("ce_activities:history",          "login no    no    no    no    no    no    no    no",
        pk("ce_entry"),
    ),
    Row("ce_activities:history_results",  "login no    no    no    no    no    no    no    no",
        pk("ce_entry"),
    ),
    Row("ce_activities:usage",            "login no    no    no    no    no    no    no    no",
        pk("ce_entry"),
    ),
    Row("account_closures:index",         "login no    no    no    no    no    no    ok    ok"),
    Row("account_closures:index_results", "login no    no    no    no    no    no    ok    ok"),
    Row("account_closures:add",           "login no    no    no    no    no    no    no    no"),
    Row("account_closures:edit",          "login no    no    no    no    no    no    no    no",
        pk("closure"),
    ),
    Row("account_closures:delete",        "login no    no    no    no    no    no    no    no",
        pk("closure"),
    ),
    Row("account_closures:history",       "login no    no    no    no    no    no    no    no",
        pk("closure"),
    ),
    Row("account_closures:history_results","login no    no    no    no    no    no    no    no",
        pk("closure"),
    ),
    Row("account_closures:usage",         "login no    no    no    no    no    no    no    no",
        pk("closure"),
    ),
    Row("account_closures:inspect",       "login no    no    no    no    no    no    ok    ok",
        pk("closure"),
    ),
    # Entry points of Wagtail and allauth (their other patterns are theirs to test)
    Row("account_login",                  "ok    redir redir redir redir redir redir redir redir"),
    Row("account_signup",                 "ok    redir redir redir redir redir redir redir redir"),
    Row("account_logout",                 "redir ok    ok    ok    ok    ok    ok    ok    ok"),
    Row("mfa_index",                      "login ok    ok    ok    ok    ok    ok    ok    ok"),
    Row("wagtailadmin_home",              "login no    no    ok    ok    ok    ok    ok    ok"),
    Row("wagtailusers_users:index",       "login no    no    no    no    no    no    no    ok"),
    Row("wagtail_serve",                  "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        label="page: home", path=HOME,
    ),
    Row("wagtail_serve",                  "ok    ok    ok    ok    ok    ok    ok    ok    ok",
        label="page: course", path=COURSE_PAGE,
    ),
    Row("wagtail_serve",                  "login ok    ok    no    no    no    no    no    no",
        label="page: lesson", path=LESSON_PAGE_URL,
    ),
    Row("wagtail_serve",                  "login ok    ok    no    no    no    no    no    no",
        label="page: quiz", path=QUIZ_PAGE,
    ),
    Row("wagtailadmin_pages:edit",        "login no    no    no    no    ok    ok    no    ok",
        LESSON_PAGE, label="edit lesson",
    ),
]
# fmt: on


# --- The tests ------------------------------------------------------------------------


def classify(response) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        location = response["Location"]
        login = reverse("account_login")
        if location.startswith(login) or (
            location.startswith(settings.LOGIN_URL) and REDIRECT_FIELD_NAME in location
        ):
            return "login"
        if location.split("?")[0] == reverse("wagtailadmin_home"):
            return "no"
        return "redir"
    return {200: "ok", 400: "bad", 403: "no", 404: "no", 405: "405"}.get(status, str(status))


def ask(client: Client, world: World, row: Row, role: str) -> tuple[str, str]:
    """Ask for the row's URL as `role`; nothing the request writes is kept."""
    cache.clear()
    client.logout()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    with transaction.atomic():
        url = row.url(world)
        if row.method == "POST":
            data = row.data(world) if row.data else {}
            if row.json:
                response = client.post(url, data, content_type="application/json")
            else:
                response = client.post(url, data)
        else:
            response = client.get(url)
        outcome = classify(response)
        if row.effect is not None and row.effect(world, user):
            outcome = "done"
        transaction.set_rollback(True)
    detail = f"{response.status_code} {response.get('Location', '')}".strip()
    return outcome, detail


def test_the_table_names_every_url_pattern_of_ours():
    names = {found.name for found in all_patterns() if found.name}
    unnamed = [found.route for found in our_patterns() if not found.name]
    assert unnamed == [], f"give these patterns a name so the table can list them: {unnamed}"

    in_table = {row.name for row in TABLE}
    missing = sorted({found.name for found in our_patterns()} - in_table)
    assert missing == [], (
        "URL patterns with no row in TABLE (decide who may open them): " + ", ".join(missing)
    )
    stale = sorted(in_table - names)
    assert stale == [], f"TABLE rows for patterns that no longer exist: {stale}"
    assert EXCLUDED <= names, f"EXCLUDED names no pattern: {sorted(EXCLUDED - names)}"
    labels = [row.key for row in TABLE]
    assert len(labels) == len(set(labels)), "two rows share a key: give one a label"


def test_the_walk_counts_a_new_view_of_ours_and_not_a_library_view():
    """What makes the table test fail for a new page: the walk sees it as ours."""
    from django.urls import include, path
    from wagtail.admin.views.home import HomeView

    from dashboard import views as dashboard_views

    patterns = [
        path("new/", include([path("page/", dashboard_views.dashboard, name="brand_new")])),
        path("theirs/", HomeView.as_view(), name="library_view"),
    ]
    found = {item.name: item.ours for item in _walk(patterns, top_level=False)}
    assert found == {"brand_new": True, "library_view": False}

    ours = {item.name for item in our_patterns()}
    assert {
        "healthz",
        "practice:hours_log",
        "programs_program:edit",
        "issued_certificates:index",
    } <= ours
    # (account_login is ours: training.views.LoginView answers a lock-out with 429.)
    assert "wagtailadmin_pages:edit" not in ours and "account_signup" not in ours


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_table_says(role, site, files_on_disk):
    world = World()
    client = Client(raise_request_exception=False)
    wrong = []
    for row in TABLE:
        outcome, detail = ask(client, world, row, role)
        expected = row.outcomes()[role]
        if outcome != expected:
            wrong.append(
                f"{row.key} ({row.method} {row.url(world)}): expected {expected}, "
                f"got {outcome} [{detail}]"
            )
    assert wrong == [], f"as {role}:\n" + "\n".join(wrong)
