"""Bad input at scale: random and hostile payloads posted to every form and JSON
endpoint of ours answer 2xx, 3xx or 4xx, never 500, and never change another
person's data.

Each endpoint is posted to by the person who would use it (a learner, their
supervisor, a coordinator, or a visitor) with payloads from Hypothesis: huge
strings, NUL bytes, odd unicode (right-to-left marks, emoji, combining
characters, digits that are not ASCII), numbers such as "-1", "NaN", "inf",
"1e309" and "0x10", ids of another learner's records, several values where one
is expected, and for JSON bodies anything from valid objects to arrays, bare
strings, invalid bytes and deep nesting. Good values are mixed in, so payloads
also get past the forms and reach the services.

Every example runs in a savepoint that is rolled back, so each starts from the
same records, and the bystander's data (a learner nobody here may touch) is
compared with a snapshot before the rollback.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from assessments.models import Accommodation, Attempt
from assessments.services import attempt_start
from certificates.models import Attestation, Certificate, NameChangeRequest, ProgramCertification
from certificates.services import attestation_record, certificate_suspend, name_change_request
from courses.models import LessonCompletion, Reflection
from courses.services import reflection_save
from dashboard.models import AccountClosure
from dashboard.services import account_close_request, account_erase
from practice.models import HoursEntry, HoursEntryEvent
from programs.models import Enrollment, JoinRequest, SupervisorAssignment
from renewals.models import CECategory, CEEntry, Renewal, RenewalRules
from renewals.services import ce_entry_record
from tests.certificates.factories import CertificateFactory
from tests.certificates.scenario import Scenario
from tests.conftest import kept_for_the_module, set_up_site
from tests.courses.factories import LessonPageFactory, reflection
from tests.practice.factories import HoursEntryFactory, activity, hours_enrollment
from tests.programs.factories import (
    EnrollmentFactory,
    InvitationFactory,
    JoinRequestFactory,
    ProgramFactory,
    domain,
)
from tests.training.factories import (
    PASSWORD,
    CoordinatorFactory,
    LeadTrainerFactory,
    LearnerFactory,
    SupervisorFactory,
)
from training.models import User

pytestmark = pytest.mark.django_db

EXAMPLES = 25
PROMPT = "5b1e7c2a-2222-4ccc-8ddd-000000000002"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
STRONG_PASSWORD = "a-strong-fuzz-password-77"

# --- Hostile values ----------------------------------------------------------------------

HUGE = ["x" * 100_000, "🙂" * 30_000, "9" * 5_000, "<p>" * 20_000]
NUMBERS = [
    "-1", "0", "-0", "1", "0.25", "1.5", "24", "25", "99999999999999999999", "-99999999999",
    "2147483648", "9223372036854775808", "NaN", "nan", "-NaN", "inf", "-inf", "Infinity",
    "1e309", "-1e309", "1e-400", "0x10", "0o7", "0b1", "1_000", "1,5", " 1 ", "+1",
    "٣", "²", "৩", "Ⅻ", "１",
]  # fmt: skip
ODD_TEXT = [
    "", " ", "\t\n", "\x00", "a\x00b", "\r\n\r\n", "\u200f\u202eevil\u202c", "\ufeff",
    "\u0301\u0301\u0301", "e\u0301" * 50, "Z\u0334\u0321\u032a\u032b\u0356" * 10,
    "👩🏽‍⚕️👨‍👩‍👧‍👦", "\U0010ffff", "\uffff\ufffe", "𝕳𝖔𝖕𝖊", "ß" * 200,
    "<script>alert(1)</script>", "' OR 1=1 --", "%00", "../../etc/passwd", "//evil.example/",
    "https://evil.example/", "javascript:alert(1)", "null", "true", "[]", "{}", "None",
    "2026-02-30", "0000-00-00", "9999-12-31", "0001-01-01", "31/12/2025", "2025-13-01",
    "PRM-0000-0000-0000", "prm 7kq4 m2xd 9ht3", "@", "a@b", "x@" + "y" * 300 + ".org",
]  # fmt: skip


def scalars(good: list[str], others: list[str]) -> st.SearchStrategy[str]:
    """One form value: a good one, another person's id, or something hostile."""
    return st.one_of(
        st.sampled_from(good) if good else st.nothing(),
        st.sampled_from(others) if others else st.nothing(),
        st.sampled_from(NUMBERS + ODD_TEXT),
        st.sampled_from(HUGE),
        st.text(max_size=60),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
    )


def form_values(good: list[str], others: list[str]):
    value = scalars(good, others)
    # Several values where one is expected ("lists where scalars are expected").
    return st.one_of(value, value, st.lists(value, min_size=0, max_size=4))


def form_payloads(fields: dict[str, list[str]], others: list[str]):
    known = st.fixed_dictionaries(
        {}, optional={name: form_values(good, others) for name, good in fields.items()}
    )
    extra = st.dictionaries(
        st.one_of(st.sampled_from(["id", "pk", "user", "learner", "status", "score"]), st.text()),
        form_values([], others),
        max_size=2,
    )
    anything = st.builds(lambda known, extra: {**extra, **known}, known, extra)
    if not fields:
        return anything
    # Good values everywhere but one field, so the bad value reaches the service.
    good = st.fixed_dictionaries({name: st.sampled_from(values) for name, values in fields.items()})
    one_bad = st.builds(
        lambda good, name, bad: {**good, name: bad},
        good,
        st.sampled_from(list(fields)),
        form_values([], others),
    )
    return st.one_of(anything, one_bad)


JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(HUGE[:1] + ODD_TEXT),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def json_bodies(question_ids: list[str], choice_ids: list[str]):
    """Bodies for a JSON endpoint that expects {"question": id, "choices": [ids]}."""
    choices = st.one_of(
        st.lists(st.sampled_from(choice_ids) | JSON_LEAVES, max_size=60),
        JSON_VALUES,
    )
    answer = st.fixed_dictionaries(
        {},
        optional={
            "question": st.sampled_from(question_ids) | JSON_VALUES,
            "choices": choices,
            "attempt": JSON_VALUES,
            "learner": JSON_VALUES,
        },
    )
    as_json = st.one_of(answer, JSON_VALUES).map(
        lambda value: json.dumps(value, allow_nan=True).encode()
    )
    nested = st.sampled_from([100, 1_000, 4_000]).map(lambda n: b"[" * n + b"]" * n)
    nested_objects = st.sampled_from([1_000, 2_700]).map(lambda n: b'{"a":' * n + b"1" + b"}" * n)
    return st.one_of(
        as_json,
        as_json,
        nested,
        nested_objects,
        st.binary(max_size=200),
        st.sampled_from([b"", b"NaN", b"-Infinity", b'"\\ud800"', b"\xff\xfe", b"x" * 9_000]),
    )


# --- The world the endpoints act on ----------------------------------------------------------


@dataclass(repr=False)
class World:
    """A learner (the actor on the public site), their supervisor, a coordinator,
    and a bystander learner in the same program whose data nobody here may change."""

    learner: User
    supervisor: User
    coordinator: User
    bystander: User
    ids: dict[str, object] = field(default_factory=dict)

    def __repr__(self):  # Hypothesis prints it with every failing example
        return "World()"


def staff(factory, **kwargs):
    user = factory(**kwargs)
    TOTP.activate(user, TOTP_SECRET)
    return user


def _entry(enrollment, status, days_ago):
    return HoursEntryFactory(
        enrollment=enrollment,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        status=status,
        domain=domain("advocacy"),
        activity_type=activity(enrollment.program),
    )


@pytest.fixture(scope="module")
def _world_for_module(django_db_setup, django_db_blocker) -> World:
    # Built once for the module (~140 tests); each test and each example runs
    # in its own savepoint on top, so each starts from these same records.
    with kept_for_the_module(django_db_blocker):
        set_up_site()
        yield build_world()


@pytest.fixture
def world(_world_for_module, db) -> World:
    return _world_for_module


def build_world() -> World:
    scenario = Scenario()
    program, course = scenario.program, scenario.course
    lesson = LessonPageFactory(
        parent=course,
        title="Telling your story",
        body=[reflection("What helped you most?", block_id=PROMPT)],
    )
    supervisor = staff(SupervisorFactory)
    mine = scenario.enrollment
    Enrollment.objects.filter(pk=mine.pk).update(supervisor=supervisor)
    SupervisorAssignment.objects.filter(enrollment=mine).update(supervisor=supervisor)
    mine.refresh_from_db()
    theirs = hours_enrollment(program)  # another supervisor
    learner, bystander = mine.learner, theirs.learner
    coordinator = staff(CoordinatorFactory)

    S = HoursEntry.Status
    my_entries = {s: _entry(mine, s, n) for n, s in enumerate(S.values, start=1)}
    their_entries = {s: _entry(theirs, s, n) for n, s in enumerate(S.values, start=1)}

    scenario.attest()
    my_attempt = attempt_start(learner=learner, quiz=scenario.quiz)
    their_attempt = attempt_start(learner=bystander, quiz=scenario.quiz)
    reflection_save(author=bystander, lesson=lesson, prompt_id=PROMPT, text="My own words.")
    attestation_record(
        learner=bystander, program=program, typed_name=bystander.name_for_certificate
    )
    their_certificate = CertificateFactory(enrollment=theirs)
    # The learner also holds a certificate (of another program) and keeps a CE log;
    # the bystander has a CE entry with a proof.
    holding = CertificateFactory(enrollment=EnrollmentFactory(learner=learner))
    my_ce = ce_entry_record(
        holder=learner,
        certificate=holding,
        activity="Ethics refresher",
        provider="Peer network",
        date=holding.issued_on,
        hours="2",
    )
    their_ce = ce_entry_record(
        holder=bystander,
        certificate=their_certificate,
        activity="Their workshop",
        provider="Their provider",
        date=their_certificate.issued_on,
        hours="3",
        notes="Their notes.",
        proof=SimpleUploadedFile("theirs.pdf", b"%PDF-1.4 theirs"),
    )
    revocable = CertificateFactory()
    reopenable = CertificateFactory(
        revoked_at=timezone.now(), revoked_by=coordinator, revocation_reason="Issued in error."
    )
    suspended = CertificateFactory()
    certificate_suspend(certificate_id=suspended.pk, by=coordinator, reason="Under review.")
    renewal = Renewal.objects.create(certificate=CertificateFactory(), evidence={})
    # A name change waiting for a coordinator; the bystander has one waiting too.
    renamable = CertificateFactory()
    name_change = name_change_request(
        certificate_id=renamable.pk,
        holder=renamable.enrollment.learner,
        new_name="Jordan Ortiz",
        reason="A new name.",
    )
    their_name_change = name_change_request(
        certificate_id=their_certificate.pk,
        holder=bystander,
        new_name="Avery Quinn",
        reason="Their own reason.",
    )
    open_program = ProgramFactory(accepts_join_requests=True)
    # A certification without renewal rules yet, for the rules' add form.
    without_rules = ProgramCertification.objects.create(
        program=ProgramFactory(), code_of_ethics="Be kind."
    )
    RenewalRules.objects.filter(certification=without_rules).delete()
    pending_request = JoinRequestFactory()
    JoinRequestFactory(person=bystander, program=open_program)
    invitation = InvitationFactory(program=program)
    closure = account_close_request(user=LearnerFactory())
    erased = account_close_request(user=LearnerFactory())
    account_erase(closure_id=erased.pk, confirmed_by=coordinator)
    accommodation = Accommodation.objects.create(
        learner=LearnerFactory(),
        quiz=scenario.quiz,
        time_multiplier="1.5",
        extra_attempts=1,
        reason="Reads with a screen reader.",
        granted_by=coordinator,
    )

    questions = my_attempt.snapshot["questions"]
    return World(
        learner=learner,
        supervisor=supervisor,
        coordinator=coordinator,
        bystander=bystander,
        ids={
            "program": program,
            "open_program": open_program,
            "mine": mine,
            "theirs": theirs,
            "lesson": lesson,
            "first_lesson": scenario.lesson,
            "course": scenario.course,
            "quiz": scenario.quiz,
            "my_entries": my_entries,
            "their_entries": their_entries,
            "my_attempt": my_attempt,
            "their_attempt": their_attempt,
            "their_certificate": their_certificate,
            "holding": holding,
            "without_rules": without_rules,
            "ce_category": CECategory.objects.get(name="Ethics"),
            "my_ce": my_ce,
            "their_ce": their_ce,
            "revocable": revocable,
            "reopenable": reopenable,
            "suspended": suspended,
            "renewal": renewal,
            "name_change": name_change,
            "their_name_change": their_name_change,
            "pending_request": pending_request,
            "invitation": invitation,
            "closure": closure,
            "erased": erased,
            "certification": scenario.certification,
            "accommodation": accommodation,
            "question_ids": [q["id"] for q in questions],
            "choice_ids": [c["id"] for q in questions for c in q["choices"]],
        },
    )


def others_ids(world: World) -> list[str]:
    """The bystander's ids, as strings, to slip into payloads."""
    ids = world.ids
    values = [
        world.bystander.pk,
        ids["theirs"].pk,
        ids["theirs"].cohort_id,
        ids["their_attempt"].pk,
        ids["their_certificate"].pk,
        ids["their_certificate"].code,
        ids["their_ce"].pk,
        ids["their_ce"].public_id,
        ids["their_name_change"].pk,
        world.bystander.email,
        *(entry.pk for entry in ids["their_entries"].values()),
    ]
    return [str(value) for value in values]


def bystander_state(world: World, *, with_enrollments: bool, may_change=()) -> dict:
    """Everything of the bystander's that no request here may change. A
    coordinator may legitimately enroll them elsewhere, so enrollments are left
    out for the coordinators' enrollment forms (and grant them an accommodation,
    so `may_change` leaves those out for the accommodation forms)."""
    person = world.bystander
    state = {
        "user": list(
            User.objects.filter(pk=person.pk).values(
                "email", "first_name", "last_name", "certificate_name", "is_active", "password"
            )
        ),
        "emails": list(EmailAddress.objects.filter(user=person).order_by("pk").values()),
        "entries": list(
            HoursEntry.objects.filter(enrollment__learner=person).order_by("pk").values()
        ),
        "events": list(
            HoursEntryEvent.objects.filter(entry__enrollment__learner=person)
            .order_by("pk")
            .values()
        ),
        "attempts": list(Attempt.objects.filter(learner=person).order_by("pk").values()),
        "reflections": list(Reflection.objects.filter(author=person).order_by("pk").values()),
        "completions": list(
            LessonCompletion.objects.filter(learner=person).order_by("pk").values()
        ),
        "attestations": list(Attestation.objects.filter(learner=person).order_by("pk").values()),
        "certificates": list(
            Certificate.objects.filter(enrollment__learner=person).order_by("pk").values()
        ),
        "join_requests": list(JoinRequest.objects.filter(person=person).order_by("pk").values()),
        "ce_entries": list(
            CEEntry.objects.filter(certificate__enrollment__learner=person).order_by("pk").values()
        ),
        "closures": list(AccountClosure.objects.filter(user=person).values()),
        "name_changes": list(
            NameChangeRequest.objects.filter(certificate__enrollment__learner=person)
            .order_by("pk")
            .values()
        ),
        "accommodations": list(Accommodation.objects.filter(learner=person).values()),
        # Whoever may change their enrollments, none may end up in a cohort of
        # another program (an edited cohort moved under them, say).
        "in a cohort of another program": list(
            Enrollment.objects.filter(learner=person, cohort__isnull=False)
            .exclude(cohort__program=F("program"))
            .values_list("pk", flat=True)
        ),
    }
    if with_enrollments:
        state["enrollments"] = list(
            Enrollment.objects.filter(learner=person).order_by("pk").values()
        )
        state["assignments"] = list(
            SupervisorAssignment.objects.filter(enrollment__learner=person).order_by("pk").values()
        )
    for name in may_change:
        del state[name]
    return state


# --- The endpoints --------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    name: str  # the URL name it covers
    actor: str  # learner, supervisor, coordinator, visitor, closing (a fresh learner), lead_trainer
    urls: Callable[[World], list[str]]  # its own target first, then others' and missing ones
    fields: Callable[[World], dict[str, list[str]]] = lambda world: {}
    method: str = "post"  # post (a form), json (a JSON body), get (query string or path)
    enrollments_protected: bool = True
    may_change: tuple[str, ...] = ()  # parts of bystander_state the actor may change
    # Run on the actor's client before each request (a fresh reauthentication,
    # a TOTP secret in the session, a second address), inside the rollback.
    prepare: Callable[[Client, World], None] | None = None
    variant: str = ""  # tells apart several entries for one URL name
    # Fields the sharp-value test corrupts (all by default); big admin forms
    # leave out the formset rows after the first, which repeat the first.
    sharp_fields: Callable[[str], bool] = lambda name: True
    # Fields always sent with their good value.
    left_alone: Callable[[str], bool] = lambda name: False
    # Every value of SHARP on every field, or (for a big, slow form) one value a
    # field, taking the values in turn so each is still tried on some fields.
    sharp_in_turn: bool = False

    @property
    def id(self) -> str:
        return f"{self.name}-{self.variant}" if self.variant else self.name

    def state(self, world: World) -> dict:
        return bystander_state(
            world, with_enrollments=self.enrollments_protected, may_change=self.may_change
        )


# --- Wagtail admin forms, as the browser would post them -----------------------------------


class FormFields(HTMLParser):
    """The fields of each POST form on a page with the values a browser would send
    first, then the other values offered (a select's other options; for a checkbox,
    ticked and unticked). Formset rows' templates ("__prefix__") are left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, list[str]]] = []
        self._form: dict[str, list[str]] | None = None
        self._checked: set[str] = set()
        self._boxes: set[str] = set()
        self._select: tuple[str, list[str], list[str]] | None = None  # name, options, chosen
        self._textarea: list | None = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            post = (attrs.get("method") or "get").lower() == "post"
            self._form = {} if post else None
            if post:
                self.forms.append(self._form)
            return
        name = attrs.get("name")
        if self._form is None:
            return
        if tag == "option" and self._select is not None:
            _, options, chosen = self._select
            options.append(attrs.get("value", ""))
            if "selected" in attrs:
                chosen.append(attrs.get("value", ""))
        if not name or "__prefix__" in name or name == "csrfmiddlewaretoken":
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio"):
                self._boxes.add(name)
                values = self._form.setdefault(name, [])
                value = attrs.get("value", "on")
                if "checked" in attrs:
                    self._checked.add(name)
                    values.insert(0, value)
                else:
                    values.append(value)
            else:
                self._form[name] = [attrs.get("value", "")]
        elif tag == "select":
            self._select = (name, [], [])
        elif tag == "textarea":
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            for name, values in (self._form or {}).items():
                if name.endswith("-DELETE"):
                    values.append("1")  # the row's delete button sets it
            for name in self._boxes:
                # Nothing ticked sends nothing, which the form reads as "".
                values = self._form[name]
                values.insert(len(values) if name in self._checked else 0, "")
            self._form, self._checked, self._boxes = None, set(), set()
        elif tag == "select" and self._select is not None:
            name, options, chosen = self._select
            others = [option for option in options if option not in chosen]
            if not chosen:  # a browser sends the first option
                others = options if options[:1] != [""] else options[1:] + [""]
            self._form[name] = list(dict.fromkeys(chosen + others)) or [""]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._form[name] = [text.removeprefix("\n")]
            self._textarea = None


def admin_form(world: World, url: str) -> dict[str, list[str]]:
    """The fields of the Wagtail admin form at `url` as the coordinator sees them
    (read once per test: the page is the same for every example)."""
    forms = world.ids.setdefault("admin_forms", {})
    if url not in forms:
        client = Client()
        client.force_login(world.coordinator)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        parser = FormFields()
        parser.feed(response.content.decode())
        forms[url] = max(parser.forms, key=len)
    return {name: list(values) for name, values in forms[url].items()}


def admin_form_for_a_new_record(world, edit_url, **changes) -> dict[str, list[str]]:
    """A valid add form: an existing record's edit form with its inline rows made
    new (no ids, no initial forms) and the fields that must be unique changed."""
    fields = admin_form(world, edit_url)
    for name in fields:
        if name.endswith("-INITIAL_FORMS"):
            fields[name] = ["0"]
        elif re.search(r"-\d+-id$", name):
            fields[name] = [""]
    for name, value in changes.items():
        fields[name] = [value, *fields.get(name, [])]
    return fields


def first_formset_row(name: str) -> bool:
    """The program's own fields and each formset's first row and TOTAL_FORMS
    (MIN_NUM_FORMS and MAX_NUM_FORMS are only written to the page, never read)."""
    match = re.search(r"-(\d+)-", name)
    if name.endswith(("-MIN_NUM_FORMS", "-MAX_NUM_FORMS")):
        return False
    return match is None or match.group(1) == "0"


def admin_url(name, *args):
    return reverse(name, args=args)


# --- allauth forms that need a fresh sign-in ------------------------------------------------


def reauthenticate(client: Client, world: World) -> None:
    """Enter the password again, as allauth asks before MFA changes."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response.status_code


def reauthenticate_with_totp_secret(client: Client, world: World) -> None:
    reauthenticate(client, world)
    # The secret the activation page would have shown (and stored in the session).
    session = client.session
    session[SECRET_SESSION_KEY] = TOTP_SECRET
    session.save()


def with_a_second_address(client: Client, world: World) -> None:
    EmailAddress.objects.create(user=world.learner, email=SECOND_EMAIL, verified=True)


def totp_code(secret: str = TOTP_SECRET) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


SECOND_EMAIL = "second.address@example.org"


def _hours_url(world, name, *args):
    return reverse(f"practice:{name}", args=[world.ids["program"].slug, *args])


def _entry_urls(world, name, *statuses):
    mine, theirs = world.ids["my_entries"], world.ids["their_entries"]
    return [_hours_url(world, name, mine[s].pk) for s in statuses] + [
        _hours_url(world, name, theirs[statuses[0]].pk),
        _hours_url(world, name, 999_999),
    ]


def _entry_fields(world):
    program = world.ids["program"]
    return {
        "date": [(timezone.localdate() - datetime.timedelta(days=1)).isoformat()],
        "hours": ["1", "0.5"],
        "domain": [str(domain("advocacy").pk), str(domain("mentoring-education").pk)],
        "activity_type": [str(activity(program).pk), str(activity(program, "Supervision").pk)],
        "setting": ["Recovery community centre"],
        "notes": ["Helped a peer plan their week.", "Call John Smith on 555-0100"],
        "confirm_no_client_info": ["on"],
    }


def _ce_fields(world):
    return {
        "activity": ["Trauma-informed care", ""],
        "provider": ["Recovery Institute"],
        "date": [timezone.localdate().isoformat()],
        "hours": ["1.5", "40"],
        "category": [str(CECategory.objects.get(name="Ethics").pk), ""],
        "notes": ["What I learned.", "Role-played with client Maria"],
        "confirm_no_client_info": ["on"],
        "remove_proof": ["on"],
    }


def _ce_urls(world, name):
    return [
        reverse(f"renewals:{name}", args=[world.ids["my_ce"].public_id]),
        reverse(f"renewals:{name}", args=[world.ids["their_ce"].public_id]),
        reverse(f"renewals:{name}", args=["00000000-0000-4000-8000-000000000000"]),
    ]


def _entry_ids(world, *statuses):
    return [str(world.ids["my_entries"][s].pk) for s in statuses]


def LISTING_FILTERS(world):  # noqa: N802 - reads as the constant it stands for
    return {
        "status": ["active", "submitted", "pending", "learner"],
        "program": [str(world.ids["program"].pk)],
        "cohort": [str(world.ids["mine"].cohort_id)],
        "supervisor": [str(world.supervisor.pk)],
        "domain": [str(domain("advocacy").pk)],
        "date_from": ["2026-01-01"],
        "date_to": ["2026-12-31"],
        "role": ["learner"],
        "quiz": [str(world.ids["quiz"].pk)],
        "export": ["csv", "xlsx"],
        "ordering": ["-date", "learner"],
        "q": ["riley"],
        "p": ["2"],
    }


S = HoursEntry.Status
ENDPOINTS = [
    # The learner's own pages.
    Endpoint(
        "practice:hours_add",
        "learner",
        lambda w: [_hours_url(w, "hours_add"), reverse("practice:hours_add", args=["nope"])],
        _entry_fields,
    ),
    Endpoint(
        "practice:hours_edit",
        "learner",
        lambda w: _entry_urls(w, "hours_edit", S.DRAFT, S.RETURNED, S.APPROVED),
        _entry_fields,
    ),
    Endpoint(
        "practice:hours_submit",
        "learner",
        lambda w: [_hours_url(w, "hours_submit")],
        lambda w: {"entries": _entry_ids(w, S.DRAFT, S.RETURNED, S.APPROVED)},
    ),
    Endpoint(
        "practice:hours_withdraw",
        "learner",
        lambda w: _entry_urls(w, "hours_withdraw", S.SUBMITTED, S.APPROVED),
    ),
    Endpoint("practice:hours_delete", "learner", lambda w: _entry_urls(w, "hours_delete", S.DRAFT)),
    # The language switcher: it changes only the person's own profile and cookie.
    Endpoint(
        "choose_language",
        "learner",
        lambda w: [reverse("choose_language")],
        lambda w: {"language": ["es"], "next": ["/dashboard/"]},
    ),
    Endpoint(
        "renewals:add",
        "learner",
        lambda w: [
            reverse("renewals:add", args=[w.ids["holding"].code]),
            reverse("renewals:add", args=[w.ids["their_certificate"].code]),
            reverse("renewals:add", args=["nope"]),
        ],
        _ce_fields,
    ),
    Endpoint("renewals:edit", "learner", lambda w: _ce_urls(w, "edit"), _ce_fields),
    Endpoint("renewals:delete", "learner", lambda w: _ce_urls(w, "delete")),
    Endpoint(
        "renewals:renew",
        "learner",
        lambda w: [
            reverse("renewals:renew", args=[w.ids["holding"].code]),
            reverse("renewals:renew", args=[w.ids["their_certificate"].code]),
            reverse("renewals:renew", args=["nope"]),
        ],
    ),
    Endpoint(
        "programs:join_request_create",
        "learner",
        lambda w: [
            reverse("programs:join_request_create", args=[w.ids["open_program"].slug]),
            reverse("programs:join_request_create", args=[w.ids["program"].slug]),
        ],
        lambda w: {"message": ["I'd like to help people in my town."]},
    ),
    Endpoint(
        "programs:invitation",
        "learner",
        lambda w: [
            reverse("programs:invitation", args=[w.ids["invitation"].token]),
            reverse("programs:invitation", args=["no-such-token"]),
        ],
    ),
    Endpoint(
        "courses:lesson_complete",
        "learner",
        lambda w: [
            reverse("courses:lesson_complete", args=[pk])
            for pk in (w.ids["first_lesson"].pk, w.ids["lesson"].pk, w.ids["quiz"].pk, 999_999)
        ],
    ),
    Endpoint(
        "courses:reflection_save",
        "learner",
        lambda w: [
            reverse("courses:reflection_save", args=[w.ids["lesson"].pk, PROMPT]),
            reverse("courses:reflection_save", args=[w.ids["lesson"].pk, "no-such-prompt"]),
            reverse("courses:reflection_save", args=[w.ids["first_lesson"].pk, PROMPT]),
        ],
        lambda w: {f"reflection-{PROMPT}-text": ["It helped to be listened to."]},
    ),
    Endpoint(
        "assessments:start",
        "learner",
        lambda w: [
            reverse("assessments:start", args=[w.ids["quiz"].pk]),
            reverse("assessments:start", args=[w.ids["lesson"].pk]),
        ],
    ),
    Endpoint(
        "assessments:answer",
        "learner",
        lambda w: [
            reverse("assessments:answer", args=[w.ids["my_attempt"].pk]),
            reverse("assessments:answer", args=[w.ids["their_attempt"].pk]),
        ],
        method="json",
    ),
    Endpoint(
        "assessments:submit",
        "learner",
        lambda w: [
            reverse("assessments:submit", args=[w.ids["my_attempt"].pk]),
            reverse("assessments:submit", args=[w.ids["their_attempt"].pk]),
        ],
        lambda w: {f"q-{qid}": w.ids["choice_ids"] for qid in w.ids["question_ids"]},
    ),
    Endpoint(
        "certificates:ethics",
        "learner",
        lambda w: [reverse("certificates:ethics", args=[w.ids["program"].slug])],
        lambda w: {"typed_name": [w.learner.name_for_certificate, "Riley Morgan"]},
    ),
    Endpoint(
        "certificates:name_change",
        "learner",
        lambda w: [
            reverse("certificates:name_change", args=[w.ids["holding"].code]),
            reverse("certificates:name_change", args=[w.ids["their_certificate"].code]),
        ],
        lambda w: {"new_name": ["Jordan Ortiz"], "reason": ["A new name."]},
    ),
    Endpoint(
        "dashboard_data_close",
        "closing",
        lambda w: [reverse("dashboard_data_close")],
        lambda w: {"confirm": ["on", "true", "1"]},
    ),
    # Visitors: accounts and verification.
    Endpoint(
        "account_signup",
        "visitor",
        lambda w: [reverse("account_signup")],
        lambda w: {
            "email": ["new.person@example.org"],
            "password1": [STRONG_PASSWORD],
            "password2": [STRONG_PASSWORD],
            "first_name": ["Sam"],
            "last_name": ["Rivera"],
        },
    ),
    Endpoint(
        "account_login",
        "visitor",
        lambda w: [reverse("account_login")],
        lambda w: {"login": [w.learner.email], "password": ["wrong"], "remember": ["on"]},
    ),
    Endpoint(
        "account_reset_password",
        "visitor",
        lambda w: [reverse("account_reset_password")],
        lambda w: {"email": [w.learner.email]},
    ),
    Endpoint(
        "certificates:verify_form",
        "visitor",
        lambda w: [reverse("certificates:verify_form")],
        lambda w: {"code": [w.ids["their_certificate"].code]},
        method="get",
    ),
    # Checking a PDF (the parser's own input is fuzzed in
    # tests/certificates/test_verify_upload.py): the form's fields and bodies.
    Endpoint(
        "certificates:verify_form",
        "visitor",
        lambda w: [reverse("certificates:verify_form")],
        lambda w: {"pdf": ["%PDF-1.7"]},
        variant="upload",
    ),
    Endpoint(
        "certificates:verify",
        "visitor",
        lambda w: ["/verify/{code}/"],
        lambda w: {"code": [w.ids["their_certificate"].code]},
        method="get",
    ),
    Endpoint(
        "certificates:verify_json",
        "visitor",
        lambda w: ["/verify/{code}.json"],
        lambda w: {"code": [w.ids["their_certificate"].code]},
        method="get",
    ),
    # Listings with filters and paging (query strings).
    Endpoint(
        "practice:hours_log",
        "learner",
        lambda w: [_hours_url(w, "hours_log")],
        lambda w: {"status": ["submitted"], "domain": [str(domain("advocacy").pk)], "page": ["2"]},
        method="get",
    ),
    Endpoint(
        "practice_review:results",
        "supervisor",
        lambda w: [reverse("practice_review:results")],
        lambda w: {"status": ["all", "approved"], "enrollment": [str(w.ids["mine"].pk)]},
        method="get",
    ),
    *(
        Endpoint(
            name,
            "coordinator",
            lambda w, name=name: [reverse(name)],
            lambda w: LISTING_FILTERS(w),
            method="get",
        )
        for name in (
            "practice_entry:index_results",
            "practice_report:results",
            "programs_enrollment:index_results",
            "programs_invitation:index_results",
            "programs_joinrequest:index_results",
            "programs_program:index_results",
            "ce_activities:index_results",
            # Listings whose columns moved to training/columns.py (issue #19).
            "issued_certificates:index_results",
            "quiz_accommodations:index_results",
            "quiz_attempts:index_results",
            "account_closures:index_results",
            # Its column label is ours (translated), so its index view is too.
            "ce_categories:index_results",
            "certificates_admin_queue",
            "name_changes:index",
            "assessments_question_statistics",
        )
    ),
    # The learner's supervisor.
    Endpoint(
        "practice_review:approve",
        "supervisor",
        lambda w: [reverse("practice_review:approve")],
        lambda w: {"entries": _entry_ids(w, S.SUBMITTED, S.DRAFT), "next": ["/admin/"]},
    ),
    Endpoint(
        "practice_review:return",
        "supervisor",
        lambda w: [reverse("practice_review:return")],
        lambda w: {
            "entries": _entry_ids(w, S.SUBMITTED),
            "comment": ["Say which skill you practised."],
            "next": ["/admin/"],
        },
    ),
    # Coordinators.
    Endpoint(
        "practice_review:reopen",
        "coordinator",
        lambda w: [reverse("practice_review:reopen", args=[w.ids["my_entries"][S.APPROVED].pk])],
        lambda w: {"reason": ["The date was a week off."]},
    ),
    Endpoint(
        "certificates_admin_review",
        "coordinator",
        lambda w: [reverse("certificates_admin_review", args=[w.ids["mine"].pk])],
        lambda w: {
            "action": ["issue", "return"],
            "name_as_printed": ["Riley Morgan"],
            "confirm": ["yes", ""],
            "reason": ["Please sign the new code of ethics."],
        },
    ),
    Endpoint(
        "certificates_admin_reopen",
        "coordinator",
        lambda w: [reverse("certificates_admin_reopen", args=[w.ids["reopenable"].pk])],
        lambda w: {"reason": ["The record was corrected with the learner."]},
    ),
    Endpoint(
        "certificates_admin_revoke",
        "coordinator",
        lambda w: [reverse("certificates_admin_revoke", args=[w.ids["revocable"].pk])],
        lambda w: {"reason": ["Issued in error."]},
    ),
    # The coordinator's own signature image: the file itself is checked in
    # tests/certificates/test_pdf_look.py; here the form gets text where a file goes.
    Endpoint(
        "certificate_signature:edit",
        "coordinator",
        lambda w: [reverse("certificate_signature:edit")],
        lambda w: {"image": ["signature.png", ""], "image-clear": ["on"]},
    ),
    Endpoint(
        "renewals_admin_queue",
        "coordinator",
        lambda w: [reverse("renewals_admin_queue")],
        lambda w: {"renewal": [str(w.ids["renewal"].pk), "abc", "-1"]},
    ),
    Endpoint(
        "renewals_admin_review",
        "coordinator",
        lambda w: [
            reverse("renewals_admin_review", args=[w.ids["renewal"].pk]),
            reverse("renewals_admin_review", args=[999999]),
        ],
        lambda w: {
            "action": ["approve", "return", "other"],
            "reason": ["Please add the proof of your ethics hours.", ""],
            "proofs_checked": ["on", ""],
        },
    ),
    Endpoint(
        "certificates_admin_suspend",
        "coordinator",
        lambda w: [reverse("certificates_admin_suspend", args=[w.ids["revocable"].pk])],
        lambda w: {"reason": ["A complaint is being reviewed."], "confirm": ["yes", ""]},
    ),
    Endpoint(
        "certificates_admin_reinstate",
        "coordinator",
        lambda w: [reverse("certificates_admin_reinstate", args=[w.ids["suspended"].pk])],
        lambda w: {"note": ["No case to answer.", ""], "confirm": ["yes", ""]},
    ),
    Endpoint(
        "name_changes:approve",
        "coordinator",
        lambda w: [reverse("name_changes:approve", args=[w.ids["name_change"].pk])],
        lambda w: {"confirm": ["yes", ""]},
    ),
    Endpoint(
        "name_changes:decline",
        "coordinator",
        lambda w: [reverse("name_changes:decline", args=[w.ids["name_change"].pk])],
        lambda w: {"reason": ["Please add your surname."], "confirm": ["yes", ""]},
    ),
    Endpoint(
        "programs_enrollment:add",
        "coordinator",
        lambda w: [reverse("programs_enrollment:add")],
        lambda w: {
            "email": ["someone.new@example.org", w.learner.email],
            "program": [str(w.ids["open_program"].pk), str(w.ids["program"].pk)],
            "cohort": [str(w.ids["mine"].cohort_id)],
            "supervisor": [str(w.supervisor.pk)],
        },
        enrollments_protected=False,
    ),
    Endpoint(
        "programs_enrollment:bulk",
        "coordinator",
        lambda w: [reverse("programs_enrollment:bulk")],
        lambda w: {
            "emails": ["a@example.org, b@example.org\nc@example.org", w.learner.email],
            "program": [str(w.ids["open_program"].pk)],
            "cohort": [str(w.ids["mine"].cohort_id)],
            "supervisor": [str(w.supervisor.pk)],
        },
        enrollments_protected=False,
    ),
    Endpoint(
        "programs_enrollment:supervisor",
        "coordinator",
        lambda w: [reverse("programs_enrollment:supervisor", args=[w.ids["mine"].pk])],
        lambda w: {"supervisor": [str(w.supervisor.pk), ""]},
    ),
    Endpoint(
        "programs_invitation:add",
        "coordinator",
        lambda w: [reverse("programs_invitation:add")],
        lambda w: {
            "emails": ["invitee@example.org"],
            "role": ["learner", "supervisor"],
            "program": [str(w.ids["program"].pk)],
            "cohort": [str(w.ids["mine"].cohort_id)],
            "supervisor": [str(w.supervisor.pk)],
        },
    ),
    Endpoint(
        "programs_joinrequest:approve",
        "coordinator",
        lambda w: [reverse("programs_joinrequest:approve", args=[w.ids["pending_request"].pk])],
        lambda w: {"approve-cohort": [""], "approve-supervisor": [str(w.supervisor.pk)]},
    ),
    Endpoint(
        "programs_enrollment:edit",
        "coordinator",
        lambda w: [reverse("programs_enrollment:edit", args=[w.ids["mine"].pk])],
        lambda w: {"cohort": [str(w.ids["mine"].cohort_id), ""]},
    ),
    Endpoint(
        "programs_enrollment:withdraw",
        "coordinator",
        lambda w: [reverse("programs_enrollment:withdraw", args=[w.ids["mine"].pk])],
    ),
    Endpoint(
        "programs_invitation:delete",
        "coordinator",
        lambda w: [reverse("programs_invitation:delete", args=[w.ids["invitation"].pk])],
    ),
    Endpoint(
        "dashboard_admin_confirm_erasure",
        "coordinator",
        lambda w: [
            reverse("dashboard_admin_confirm_erasure", args=[w.ids["closure"].pk]),
            reverse("dashboard_admin_confirm_erasure", args=[w.ids["erased"].pk]),
            reverse("dashboard_admin_confirm_erasure", args=[999_999]),
        ],
    ),
    Endpoint(
        "courses_admin_redo",
        "lead_trainer",
        lambda w: [
            reverse("courses_admin_redo", args=[w.ids["course"].pk]),
            reverse("courses_admin_redo", args=[999_999]),
        ],
        lambda w: {"reason": ["The guidance on naloxone changed."], "confirm": ["on", ""]},
    ),
    Endpoint(
        "programs_joinrequest:decline",
        "coordinator",
        lambda w: [reverse("programs_joinrequest:decline", args=[w.ids["pending_request"].pk])],
        lambda w: {"decline-note": ["The next cohort starts in spring."]},
    ),
    # Wagtail's add and edit views for our models, with the fields (and inline
    # formsets with their management forms) read from the page itself.
    Endpoint(
        "programs_program:edit",
        "coordinator",
        lambda w: [
            # This program's page and one that doesn't exist (posting one
            # program's rows to another: tests/reliability/test_formset_tampering.py).
            admin_url("programs_program:edit", w.ids["program"].pk),
            admin_url("programs_program:edit", 999_999),
        ],
        lambda w: admin_form(w, admin_url("programs_program:edit", w.ids["program"].pk)),
        # Hidden inputs too (row ids, ORDER, INITIAL_FORMS, the chosen course):
        # training/inline_forms.py checks them (tests/reliability/test_formset_tampering.py).
        sharp_fields=first_formset_row,
        sharp_in_turn=True,  # about twenty fields, and each save takes a while
    ),
    Endpoint(
        "programs_program:add",
        "coordinator",
        lambda w: [admin_url("programs_program:add")],
        lambda w: admin_form_for_a_new_record(
            w,
            admin_url("programs_program:edit", w.ids["program"].pk),
            title="Peer support in prisons",
            slug="peer-support-in-prisons",
        ),
        sharp_fields=lambda name: False,  # the edit form's test covers the same form
        # Row counts too: the edit form's fuzz covers them, and each large count
        # (Django allows up to 2,000 rows) redraws that many rows, slowly.
        left_alone=lambda name: name.endswith("-TOTAL_FORMS"),
    ),
    Endpoint(
        "programs_cohort:edit",
        "coordinator",
        lambda w: [
            admin_url("programs_cohort:edit", w.ids["mine"].cohort_id),
            admin_url("programs_cohort:edit", w.ids["theirs"].cohort_id),
            admin_url("programs_cohort:edit", 999_999),
        ],
        lambda w: admin_form(w, admin_url("programs_cohort:edit", w.ids["mine"].cohort_id)),
    ),
    Endpoint(
        "programs_cohort:add",
        "coordinator",
        lambda w: [admin_url("programs_cohort:add")],
        lambda w: admin_form_for_a_new_record(
            w, admin_url("programs_cohort:edit", w.ids["mine"].cohort_id), name="Spring 2027"
        ),
    ),
    Endpoint(
        "certification_rules:edit",
        "coordinator",
        lambda w: [
            admin_url("certification_rules:edit", w.ids["certification"].pk),
            admin_url("certification_rules:edit", 999_999),
        ],
        lambda w: admin_form(w, admin_url("certification_rules:edit", w.ids["certification"].pk)),
    ),
    Endpoint(
        "certification_rules:add",
        "coordinator",
        lambda w: [admin_url("certification_rules:add")],
        lambda w: admin_form_for_a_new_record(
            w,
            admin_url("certification_rules:edit", w.ids["certification"].pk),
            program=str(w.ids["open_program"].pk),
        ),
    ),
    Endpoint(
        "renewal_rules:edit",
        "coordinator",
        lambda w: [
            admin_url("renewal_rules:edit", w.ids["certification"].renewal_rules.pk),
            admin_url("renewal_rules:edit", 999_999),
        ],
        lambda w: admin_form(
            w, admin_url("renewal_rules:edit", w.ids["certification"].renewal_rules.pk)
        ),
        sharp_fields=first_formset_row,
    ),
    Endpoint(
        "renewal_rules:add",
        "coordinator",
        lambda w: [admin_url("renewal_rules:add")],
        lambda w: admin_form_for_a_new_record(
            w,
            admin_url("renewal_rules:edit", w.ids["certification"].renewal_rules.pk),
            certification=str(w.ids["without_rules"].pk),
        ),
        sharp_fields=lambda name: False,  # the edit form's test covers the same form
        left_alone=lambda name: name.endswith("-TOTAL_FORMS"),
    ),
    Endpoint(
        "ce_categories:edit",
        "coordinator",
        lambda w: [
            admin_url("ce_categories:edit", w.ids["ce_category"].pk),
            admin_url("ce_categories:edit", 999_999),
        ],
        lambda w: admin_form(w, admin_url("ce_categories:edit", w.ids["ce_category"].pk)),
    ),
    Endpoint(
        "ce_categories:add",
        "coordinator",
        lambda w: [admin_url("ce_categories:add")],
        lambda w: admin_form_for_a_new_record(
            w,
            admin_url("ce_categories:edit", w.ids["ce_category"].pk),
            name="Cultural responsiveness",
        ),
    ),
    Endpoint(
        "quiz_accommodations:edit",
        "coordinator",
        lambda w: [
            admin_url("quiz_accommodations:edit", w.ids["accommodation"].pk),
            admin_url("quiz_accommodations:edit", 999_999),
        ],
        lambda w: admin_form(w, admin_url("quiz_accommodations:edit", w.ids["accommodation"].pk)),
        may_change=("accommodations",),  # granting the bystander one is a coordinator's call
    ),
    Endpoint(
        "quiz_accommodations:add",
        "coordinator",
        lambda w: [admin_url("quiz_accommodations:add")],
        lambda w: admin_form_for_a_new_record(
            w,
            admin_url("quiz_accommodations:edit", w.ids["accommodation"].pk),
            learner=str(w.learner.pk),
        ),
        may_change=("accommodations",),
    ),
    # allauth's account and MFA forms, for a signed-in person.
    Endpoint(
        "account_change_password",
        "learner",
        lambda w: [reverse("account_change_password")],
        lambda w: {
            "oldpassword": [PASSWORD, "wrong"],
            "password1": [STRONG_PASSWORD, "short"],
            "password2": [STRONG_PASSWORD],
        },
    ),
    *(
        Endpoint(
            "account_email",
            "learner",
            lambda w: [reverse("account_email")],
            lambda w, action=action, emails=emails: {
                action: [""],
                "email": [*emails, w.learner.email],
            },
            prepare=with_a_second_address,
            variant=action,
        )
        for action, emails in (
            ("action_add", ["third.address@example.org"]),
            ("action_remove", [SECOND_EMAIL]),
            ("action_primary", [SECOND_EMAIL]),
        )
    ),
    Endpoint(
        "account_reauthenticate",
        "learner",
        lambda w: [reverse("account_reauthenticate")],
        lambda w: {"password": [PASSWORD, "wrong"]},
    ),
    Endpoint(
        "mfa_reauthenticate",
        "supervisor",
        lambda w: [reverse("mfa_reauthenticate")],
        lambda w: {"code": [totp_code(), "000000"]},
    ),
    Endpoint(
        "mfa_activate_totp",
        "learner",
        lambda w: [reverse("mfa_activate_totp")],
        lambda w: {"code": [totp_code(), "000000"]},
        prepare=reauthenticate_with_totp_secret,
    ),
    Endpoint(
        "mfa_generate_recovery_codes",
        "supervisor",
        lambda w: [reverse("mfa_generate_recovery_codes")],
        prepare=reauthenticate,
    ),
]


def client_for(world: World, actor: str) -> Client:
    client = Client()
    person = {
        "learner": world.learner,
        "supervisor": world.supervisor,
        "coordinator": world.coordinator,
        "closing": None,
        "visitor": None,
        "lead_trainer": None,
    }[actor]
    if actor == "closing":
        person = LearnerFactory()
    if actor == "lead_trainer":
        person = staff(LeadTrainerFactory)
    if person is not None:
        client.force_login(person)
    return client


def client_of(world: World, endpoint: Endpoint) -> Client:
    client = client_for(world, endpoint.actor)
    if endpoint.prepare is not None:
        endpoint.prepare(client, world)
    return client


def encode_form(payload: dict) -> list[tuple[str, str]]:
    pairs = []
    for key, value in payload.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, item))
    return pairs


def send(client: Client, endpoint: Endpoint, world: World, data):
    """Draw a URL and a payload for the endpoint and send it."""
    urls = endpoint.urls(world)
    url = data.draw(st.sampled_from(urls), label="url")
    others = others_ids(world)
    if endpoint.method == "json":
        body = data.draw(
            json_bodies(world.ids["question_ids"], world.ids["choice_ids"]), label="body"
        )
        content_type = data.draw(
            st.sampled_from(["application/json", "text/plain", "application/x-www-form-urlencoded"])
        )
        return client.post(url, body, content_type=content_type)
    fields = endpoint.fields(world)
    payload = data.draw(form_payloads(fields, others), label="payload")
    payload.update({name: fields[name][0] for name in filter(endpoint.left_alone, fields)})
    if endpoint.method == "get":
        if "{code}" in url:
            code = payload.get("code", "")
            code = code[0] if isinstance(code, list) and code else code
            url = url.format(code=quote(code if isinstance(code, str) else "", safe=""))
            return client.get(url)
        return client.get(url, encode_form(payload))
    encoding = data.draw(st.sampled_from(["multipart", "urlencoded", "raw"]), label="encoding")
    if encoding == "multipart":
        return client.post(url, {k: v for k, v in payload.items()})
    if encoding == "urlencoded":
        return client.post(
            url,
            urlencode(encode_form(payload)),
            content_type="application/x-www-form-urlencoded",
        )
    raw = data.draw(st.binary(max_size=300), label="raw body")
    return client.post(url, raw, content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.id)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    # No shrinking: each step would be another request with a 100 kB payload, and
    # the failing example is printed as drawn (with the traceback) all the same.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_hostile_input_never_breaks_a_page_or_touches_another_persons_data(world, endpoint, data):
    before = endpoint.state(world)
    with transaction.atomic():
        cache.clear()  # rate limits would otherwise answer 429 to most examples
        client = client_of(world, endpoint)
        response = send(client, endpoint, world, data)
        assert response.status_code < 500, response.status_code
        assert endpoint.state(world) == before, "another person's data changed"
        transaction.set_rollback(True)


# The sharpest values, tried one field at a time with good values in the others,
# so each reaches the service behind the form (random payloads rarely get every
# other field right at once).
SHARP = {
    "NUL": "a\x00b",
    "huge": HUGE[0],
    "5,000 digits": HUGE[2],
    "superscript digit": "²",
    "past 64 bits": "99999999999999999999",
    "NaN": "NaN",
    "1e309": "1e309",
    "right-to-left": "\u202eevil\u202c",
    "two values": ["1", "2"],
}


@pytest.mark.parametrize(
    "endpoint", [e for e in ENDPOINTS if e.method != "json"], ids=lambda e: e.id
)
def test_each_field_alone_with_a_sharp_value_never_breaks_a_page(world, endpoint):
    fields = endpoint.fields(world)
    before = endpoint.state(world)
    url = endpoint.urls(world)[0]
    failures = []
    chosen = [n for n in fields if endpoint.sharp_fields(n) and not endpoint.left_alone(n)]
    values = list(SHARP.items())
    for index, name in enumerate(chosen):
        tried = [values[index % len(values)]] if endpoint.sharp_in_turn else values
        for label, sharp in tried:
            payload = {field: good[0] for field, good in fields.items()}
            payload[name] = sharp
            with transaction.atomic():
                cache.clear()
                client = client_of(world, endpoint)
                client.raise_request_exception = False
                if endpoint.method == "get" and "{code}" in url:
                    response = client.get(url.format(code=quote(str(sharp), safe="")))
                elif endpoint.method == "get":
                    response = client.get(url, payload)
                else:
                    response = client.post(url, payload)
                if response.status_code >= 500:
                    failures.append(f"{name} = {label}: {response.status_code}")
                if endpoint.state(world) != before:
                    failures.append(f"{name} = {label}: changed another person's data")
                transaction.set_rollback(True)
    assert failures == []


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 4_000 + b"]" * 4_000,  # nesting deeper than json.loads recurses, under 8 kB
        b'{"a":' * 1_000 + b"1" + b"}" * 1_000,
        b'{"question": NaN, "choices": [Infinity]}',
        b'"\\ud800"',
        b"\xff\xfe\x00",
        b"[]",
        b"null",
        b'{"question": "x", "choices": "not a list"}',
        b'{"question": ["a"], "choices": [{"id": 1}]}',
        b"x" * 9_000,
    ],
    ids=lambda body: repr(body[:20]),
)
def test_the_answer_endpoint_refuses_malformed_json_with_a_400(world, body):
    client = client_for(world, "learner")
    attempt = world.ids["my_attempt"]
    response = client.post(
        reverse("assessments:answer", args=[attempt.pk]), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert "error" in response.json()
    attempt.refresh_from_db()
    assert attempt.responses == {} and attempt.is_open


def test_a_well_formed_request_reaches_each_fuzzed_view(world):
    """The fuzzing hits the real views: a request with good values is answered
    by the view (not a 404 for a wrong URL or a 405 for a wrong method)."""
    for endpoint in ENDPOINTS:
        with transaction.atomic():
            cache.clear()
            client = client_of(world, endpoint)
            url = endpoint.urls(world)[0]
            payload = {name: good[0] for name, good in endpoint.fields(world).items()}
            if endpoint.method == "json":
                question = world.ids["question_ids"][0]
                response = client.post(
                    url,
                    {"question": question, "choices": world.ids["choice_ids"][:1]},
                    content_type="application/json",
                )
            elif endpoint.method == "get":
                if "{code}" in url:
                    response = client.get(url.format(code=payload["code"]))
                else:
                    response = client.get(url, payload)
            else:
                response = client.post(url, payload)
            # 409: reached, and refused for the record's state (an ineligible
            # enrollment on the certificate issue page).
            assert response.status_code in (200, 302, 400, 409), (
                endpoint.id,
                response.status_code,
            )
            transaction.set_rollback(True)


# Wagtail's generic add and edit views for our models (their forms are ours).
WAGTAIL_FORMS = {
    f"{viewset}:{view}"
    for viewset in (
        "programs_program",
        "programs_cohort",
        "certification_rules",
        "quiz_accommodations",
        "renewal_rules",
        "ce_categories",
    )
    for view in ("add", "edit")
}


@pytest.mark.parametrize(
    "endpoint", [e for e in ENDPOINTS if e.name in WAGTAIL_FORMS], ids=lambda e: e.id
)
def test_each_admin_forms_own_values_are_saved(world, endpoint):
    """The values the fuzz starts from (read from the page) make a valid form,
    so a payload with one field made bad differs from a saved one by that field."""
    fields = endpoint.fields(world)
    client = client_of(world, endpoint)
    response = client.post(
        endpoint.urls(world)[0], {name: good[0] for name, good in fields.items()}
    )
    # The message (read only on failure) names the fields the form refused.
    assert response.status_code == 302, response.context and response.context["form"].errors


def test_a_cohort_with_enrollments_is_not_moved_to_another_program(world):
    """Found by the fuzz: the cohort form moved a cohort, and with it the
    enrollments in it, under another program."""
    cohort_id = world.ids["theirs"].cohort_id
    url = admin_url("programs_cohort:edit", cohort_id)
    payload = {name: good[0] for name, good in admin_form(world, url).items()}
    payload["program"] = str(world.ids["open_program"].pk)
    response = client_for(world, "coordinator").post(url, payload)
    assert response.status_code == 200
    assert "stays with its program" in response.content.decode()
    theirs = Enrollment.objects.select_related("cohort").get(pk=world.ids["theirs"].pk)
    assert theirs.cohort.program_id == theirs.program_id


# Our URL names that take no input beyond the record in their path: pages that
# only show something, downloads, and views that refuse or redirect every request.
READ_ONLY = {
    "healthz",
    "dashboard",
    "dashboard_data",
    "dashboard_data_export",
    "dashboard_closed",
    "programs:program_list",
    "programs:join_request_list",
    "programs:join_request_detail",
    "practice:hours_detail",
    "practice:hours_csv",
    "practice:hours_print",
    "courses:reflections_download",
    "assessments:take",
    "assessments:result",
    "certificates:mine",
    "certificates:download",
    # The issuer's DID document: no input at all (tests/certificates/test_credential_keys.py).
    "certificates:did_document",
    # The Open Badges credential of the certificate in the path, and a status
    # list named in the path (another name answers 404).
    "certificates:credential",
    "certificates:credential_jwt",
    "certificates:status_list",
    "renewals:log",
    "renewals:proof",
    # A download whose only input is the Range header: malformed, several and
    # past-the-end ranges are tested in tests/courses/test_documents.py.
    "document_serve",
    "practice_review:entry",
    "programs_invitation:edit",  # the invitation's page; it posts nothing
    "programs_joinrequest:edit",  # the decision page; its forms post to approve and decline
    "programs_joinrequest:add",  # not available
    "practice_entry:add",  # not available
    "practice_entry:delete",  # not available
    "practice_entry:edit",  # redirects to hours_review:entry
    "issued_certificates:inspect",  # a certificate's page (with its PDF's state); it posts nothing
    "quiz_attempts:inspect",  # an attempt's page; it posts nothing
    "account_closures:inspect",  # a closure request's page; it posts nothing
    # Wagtail's page serving, routed in the default language's tree
    # (training.views.serve_page); pages post to the endpoints above.
    "wagtail_serve",
    # The admin paths before issue #15: they only redirect to the new ones.
    *(
        f"old_admin_{old}"
        for old in (
            "program",
            "cohort",
            "enrollment",
            "invitation",
            "joinrequest",
            "practice_hours_review",
            "practice_hours_entries",
            "practice_hours_report",
        )
    ),
}
# Listings whose filters are fuzzed through their "results" twin (the same view).
SAME_VIEW_AS = {
    "practice_entry:index": "practice_entry:index_results",
    "practice_report:index": "practice_report:results",
    "practice_review:index": "practice_review:results",
    "programs_enrollment:index": "programs_enrollment:index_results",
    "programs_invitation:index": "programs_invitation:index_results",
    "programs_joinrequest:index": "programs_joinrequest:index_results",
    "programs_program:index": "programs_program:index_results",
    "ce_activities:index": "ce_activities:index_results",
    "issued_certificates:index": "issued_certificates:index_results",
    "quiz_accommodations:index": "quiz_accommodations:index_results",
    "quiz_attempts:index": "quiz_attempts:index_results",
    "account_closures:index": "account_closures:index_results",
    "ce_categories:index": "ce_categories:index_results",
}


def test_every_endpoint_of_ours_is_fuzzed_or_takes_no_input():
    """A new form, filter or JSON endpoint of ours (public site or admin) must
    join ENDPOINTS. Wagtail's page editing is Wagtail's to test and is not listed;
    its generic add and edit views for our models are fuzzed (WAGTAIL_FORMS)."""
    ours = {
        "training",
        "programs",
        "practice",
        "courses",
        "assessments",
        "certificates",
        "renewals",
        "dashboard",
    }
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(pattern.url_patterns, f"{namespace}{inner}:" if inner else namespace)
            elif pattern.name and pattern.callback.__module__.split(".")[0] in ours:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    fuzzed = {endpoint.name for endpoint in ENDPOINTS}
    allauth = {name for name in fuzzed if name.startswith(("account_", "mfa_"))}
    assert WAGTAIL_FORMS <= fuzzed, WAGTAIL_FORMS - fuzzed
    assert fuzzed - allauth - WAGTAIL_FORMS <= names, fuzzed - allauth - WAGTAIL_FORMS - names
    missing = sorted(names - READ_ONLY - set(SAME_VIEW_AS) - fuzzed)
    assert not missing, ", ".join(missing)
    assert set(SAME_VIEW_AS.values()) <= fuzzed
