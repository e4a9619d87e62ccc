"""Everything Peerpath holds about one person, as a ZIP of JSON and CSV files.

`export_for(user)` reads only rows that belong to that user; the view passes
`request.user`, so there is no way to ask for anyone else's data."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext_lazy

from assessments.models import Accommodation, Attempt
from certificates.models import Attestation, Certificate, CertificationReturn, NameChangeRequest
from courses.models import CourseCompletion, LessonCompletion, Reflection
from practice.models import HoursEntry, HoursEntryEvent
from programs.hours import format_hours
from programs.models import Enrollment, Invitation, JoinRequest
from renewals.models import CEEntry, Renewal

# The file names are the archive's own: a translation keeps them as they are.
README = gettext_lazy("""\
Your data from Peerpath
=======================

Downloaded on {today}. This archive holds everything Peerpath keeps about you.
Only you can download it, and only while you are signed in.

profile.json          Your name, the name for certificates, email addresses, roles,
                      and which kinds of two-step sign-in you set up (never the secrets).
enrollments.json      Your programs and cohorts, requests to join, invitations sent to
                      you, and any notes a coordinator sent when an application for
                      certification needed more.
progress.csv          Each lesson you finished, with its course and when.
course_completions.json
                      Each course you completed: when, the lessons and quiz result it
                      rested on, and the training hours it counts; and, if the
                      training team later asked you to redo it, when and why.
reflections.json      Your answers to reflection prompts in lessons.
quiz_attempts.json    Every quiz attempt: the questions and choices exactly as you saw
                      them (the "snapshot"), your answers ("responses") and the result.
accommodations.json   Extra time or attempts agreed for you on a quiz, if any.
hours.csv             Your supervised practice log, with your notes.
hours_history.json    Each step in the life of every hours entry (logged, edited,
                      submitted, approved, returned) with the values at that moment.
certificates.json     Certificates issued to you, with the details printed on them.
attestations.json     Each time you signed a program's code of ethics.
name_changes.json     Each time you asked for a certificate in a new name: the name,
                      your words to the coordinators, and their answer.
continuing_education.json
                      The continuing education activities you logged for a renewal,
                      with your notes; each proof you uploaded is in ce_proofs/.
renewals.json         Each time you asked to renew a certificate: when, the CE hours it
                      rested on, whether it was picked for a proof check, the decision,
                      the coordinator's note and the renewed certificate's number.

Dates and times are in UTC (ISO 8601). Hours are decimal numbers (1.5 = 1 h 30 min).
Questions about your data: ask your program coordinator.
""")


def _json(data) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _csv(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _profile(user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "name_for_certificates": user.certificate_name,
        "joined": user.date_joined,
        "last_sign_in": user.last_login,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "two_step_sign_in": [
            {"kind": a.type, "added": a.created_at, "last_used": a.last_used_at}
            for a in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }


def _enrollments(user) -> dict:
    enrollments = Enrollment.objects.filter(learner=user).select_related(
        "program", "cohort", "supervisor"
    )
    return {
        "enrollments": [
            {
                "program": e.program.title,
                "credential": e.program.credential_title,
                "cohort": e.cohort.name if e.cohort else "",
                "supervisor": e.supervisor.get_full_name() if e.supervisor else "",
                "status": e.status,
                "enrolled_at": e.enrolled_at,
                "ended_at": e.ended_at,
            }
            for e in enrollments.order_by("enrolled_at")
        ],
        "join_requests": [
            {
                "program": r.program.title,
                "message": r.message,
                "status": r.status,
                "asked_at": r.created_at,
                "decided_at": r.decided_at,
            }
            for r in JoinRequest.objects.filter(person=user)
            .select_related("program")
            .order_by("created_at")
        ],
        "invitations": [
            {
                "email": i.email,
                "role": i.role,
                "program": i.program.title if i.program else "",
                "sent_at": i.created_at,
                "accepted_at": i.accepted_at,
            }
            for i in Invitation.objects.filter(accepted_by=user)
            .select_related("program")
            .order_by("created_at")
        ],
        "certification_returns": [
            {"program": r.enrollment.program.title, "reason": r.reason, "at": r.returned_at}
            for r in CertificationReturn.objects.filter(enrollment__learner=user)
            .select_related("enrollment__program")
            .order_by("returned_at")
        ],
    }


def _progress(user) -> str:
    completions = (
        LessonCompletion.objects.filter(learner=user)
        .select_related("course")
        .order_by("completed_at", "pk")
    )
    return _csv(
        ["course", "lesson", "completed_at"],
        [
            [c.course.title if c.course else "", c.lesson_title, c.completed_at.isoformat()]
            for c in completions
        ],
    )


def _course_completions(user) -> list[dict]:
    return [
        {
            "course": c.course_title,
            "completed_at": c.completed_at,
            "lessons": [lesson["title"] for lesson in c.lessons],
            "quiz": c.quiz_title,
            "quiz_score": c.quiz_score,
            "training_hours": {row["name"]: row["hours"] for row in c.training_hours},
            "redo_asked_at": c.superseded_at,
            "redo_reason": c.redo_request.reason if c.redo_request else "",
        }
        for c in CourseCompletion.objects.filter(learner=user)
        .select_related("redo_request")
        .order_by("completed_at", "pk")
    ]


def _reflections(user) -> list[dict]:
    return [
        {
            "lesson": r.lesson_title,
            "prompt": r.prompt_text,
            "answer": r.text,
            "written_at": r.created_at,
            "last_changed": r.updated_at,
        }
        for r in Reflection.objects.filter(author=user).order_by("lesson_title", "created_at")
    ]


def _attempts(user) -> list[dict]:
    return [
        {
            "quiz": a.quiz_title,
            "number": a.number,
            "practice": a.is_practice,
            "status": a.status,
            "started_at": a.started_at,
            "submitted_at": a.submitted_at,
            "closed_by_time_limit": a.closed_by_deadline,
            "score": a.score,
            "passed": a.passed,
            "snapshot": a.snapshot,
            "responses": a.responses,
        }
        for a in Attempt.objects.filter(learner=user).order_by("started_at", "pk")
    ]


def _accommodations(user) -> list[dict]:
    return [
        {
            "quiz": a.quiz.title,
            "time_multiplier": a.time_multiplier,
            "extra_attempts": a.extra_attempts,
            "reason": a.reason,
            "agreed_at": a.granted_at,
        }
        for a in Accommodation.objects.filter(learner=user).select_related("quiz")
    ]


def _hours(user) -> str:
    entries = (
        HoursEntry.objects.filter(enrollment__learner=user)
        .select_related("enrollment__program", "domain", "activity_type")
        .order_by("date", "pk")
    )
    return _csv(
        [
            "entry",
            "program",
            "date",
            "hours",
            "domain",
            "activity",
            "setting",
            "notes",
            "status",
            "submitted_at",
            "reviewed_at",
            "review_comment",
        ],
        [
            [
                e.pk,
                e.enrollment.program.title,
                e.date.isoformat(),
                format_hours(e.hours),
                e.domain.name,
                e.activity_type.name,
                e.setting,
                e.notes,
                e.status,
                e.submitted_at.isoformat() if e.submitted_at else "",
                e.reviewed_at.isoformat() if e.reviewed_at else "",
                e.review_comment,
            ]
            for e in entries
        ],
    )


def _hours_history(user) -> list[dict]:
    return [
        {
            "entry": event.entry_id,
            "action": event.action,
            "by": "you" if event.actor_id == user.pk else "staff",
            "at": event.at,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "comment": event.comment,
            "values": event.snapshot,
        }
        for event in HoursEntryEvent.objects.filter(entry__enrollment__learner=user).order_by(
            "entry_id", "at", "pk"
        )
    ]


def _certificates(user) -> list[dict]:
    today = timezone.localdate()
    return [
        {
            "code": c.code,
            "status": c.status_on(today),
            "issued_on": c.issued_on,
            "expires_on": c.expires_on,
            "revoked_at": c.revoked_at,
            # The dates of an open suspension; its internal reason is not the holder's.
            "suspended_since": c.suspended_since if c.is_suspended else None,
            # A renewal or a name change replaced it with this certificate of yours.
            "replaced_at": c.superseded_at,
            "replaced_by": c.superseded_by.code if c.superseded_by_id else None,
            "as_printed": c.snapshot,
            "pdf_sha256": c.pdf_sha256,
        }
        for c in Certificate.objects.filter(enrollment__learner=user)
        .with_suspension()
        .select_related("superseded_by")
        .order_by("issued_at")
    ]


def _name_changes(user) -> list[dict]:
    return [
        {
            "certificate": r.certificate.code,
            "new_name": r.new_name,
            "your_reason": r.reason,
            "asked_at": r.requested_at,
            "status": r.status,
            "decided_at": r.decided_at,
            "reason_given_to_you": r.decline_reason,
            "new_certificate": r.successor.code if r.successor else None,
        }
        for r in NameChangeRequest.objects.filter(certificate__enrollment__learner=user)
        .select_related("certificate", "successor")
        .order_by("requested_at", "pk")
    ]


def _attestations(user) -> list[dict]:
    return [
        {
            "program": a.program.title,
            "typed_name": a.typed_name,
            "code_of_ethics_version": a.text_version,
            "signed_at": a.attested_at,
        }
        for a in Attestation.objects.filter(learner=user)
        .select_related("program")
        .order_by("attested_at")
    ]


def _ce_entries(user) -> tuple[list[dict], dict[str, bytes]]:
    """The CE log and, by their name in the archive, the proofs uploaded."""
    rows, proofs = [], {}
    entries = (
        CEEntry.objects.filter(certificate__enrollment__learner=user)
        .select_related("certificate", "category")
        .order_by("date", "created_at")
    )
    for number, entry in enumerate(entries, start=1):
        proof = ""
        if entry.proof:
            extension = entry.proof.name.rsplit(".", 1)[-1]
            proof = f"ce_proofs/{number:03d}-{entry.date:%Y-%m-%d}.{extension}"
            try:
                with entry.proof.open("rb") as handle:
                    proofs[proof] = handle.read()
            except FileNotFoundError:
                proof = f"(the file {entry.proof_name} is missing)"
        rows.append(
            {
                "certificate": entry.certificate.code,
                "activity": entry.activity,
                "provider": entry.provider,
                "date": entry.date,
                "hours": format_hours(entry.hours),
                "category": entry.category.name if entry.category else "",
                "notes": entry.notes,
                "proof_uploaded_as": entry.proof_name,
                "proof_in_this_archive": proof,
                "logged_at": entry.created_at,
            }
        )
    return rows, proofs


def _renewals(user) -> list[dict]:
    return [
        {
            "certificate": r.certificate.code,
            "asked_at": r.requested_at,
            "ce_hours": r.evidence,
            "picked_for_a_proof_check": r.audit,
            "status": r.status,
            "decided_at": r.decided_at,
            "note_from_your_coordinator": r.return_reason,
            "renewed_certificate": r.successor.code if r.successor_id else None,
        }
        for r in Renewal.objects.filter(certificate__enrollment__learner=user)
        .select_related("certificate", "successor")
        .order_by("requested_at")
    ]


def export_for(user) -> bytes:
    """The ZIP archive, built in memory (a person's data is small)."""
    files = {
        "README.txt": README.format(today=timezone.localdate().isoformat()),
        "profile.json": _json(_profile(user)),
        "enrollments.json": _json(_enrollments(user)),
        "progress.csv": _progress(user),
        "course_completions.json": _json(_course_completions(user)),
        "reflections.json": _json(_reflections(user)),
        "quiz_attempts.json": _json(_attempts(user)),
        "accommodations.json": _json(_accommodations(user)),
        "hours.csv": _hours(user),
        "hours_history.json": _json(_hours_history(user)),
        "certificates.json": _json(_certificates(user)),
        "attestations.json": _json(_attestations(user)),
        "name_changes.json": _json(_name_changes(user)),
    }
    ce_rows, ce_proofs = _ce_entries(user)
    files["continuing_education.json"] = _json(ce_rows)
    files["renewals.json"] = _json(_renewals(user))
    files.update(ce_proofs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
