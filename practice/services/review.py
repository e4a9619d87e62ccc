"""Writes of the review of practice hours: a supervisor approves or returns, a
coordinator reopens, supervisors get a daily digest. Same rules as
practice/services/entries.py.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from practice import selectors
from practice.models import HoursEntry, HoursEntryEvent, SupervisorDigest
from programs.models import (
    Enrollment,
)
from training.emails import email_send, site_url
from training.languages import language_of

from .entries import (
    HOURS_COMMENT_MAX_LENGTH,
    REOPEN_PERMISSION,
    REVIEW_PERMISSION,
    _chosen_ids,
    _day,
    _describe_entry,
    _hours,
    _record,
)


class ReviewNotAllowed(ValidationError):
    """Some of the entries are not the reviewer's to decide (their own, or not
    their mentee's): a refusal (403), not a conflict."""


def _locked_for_review(entry_ids, reviewer) -> list[HoursEntry]:
    """Lock the chosen entries and their enrollments (the supervisor check must
    not race a change of supervisor), then refuse anything the reviewer may not
    review. All checks are made before anything changes."""
    gone = _("Some of the chosen entries no longer exist. Nothing was changed.")
    ids = _chosen_ids(entry_ids, refusal=gone)
    if not ids:
        raise ValidationError(_("Choose at least one entry."))
    locked_ids = list(
        HoursEntry.objects.select_for_update()
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", "enrollment_id")
    )
    if len(locked_ids) != len(ids):
        raise ValidationError(gone)
    list(
        Enrollment.objects.select_for_update()
        .filter(pk__in={enrollment_id for _, enrollment_id in locked_ids})
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    entries = list(
        HoursEntry.objects.filter(pk__in=ids)
        .select_related(
            "enrollment__learner", "enrollment__program", "domain", "activity_type", "reviewed_by"
        )
        .order_by("pk")
    )
    if not reviewer.has_perm(REVIEW_PERMISSION):
        raise ReviewNotAllowed(
            _(
                "Only supervisors review hours, and only those of the people they supervise. "
                "Nothing was changed."
            )
        )
    problems = []
    not_theirs = False
    for entry in entries:
        enrollment = entry.enrollment
        described = _describe_entry(entry)
        if enrollment.learner_id == reviewer.pk:
            not_theirs = True
            problems.append(
                _("You can't review your own hours (%(hours)s h on %(date)s).")
                % {"hours": _hours(entry.hours), "date": _day(entry.date)}
            )
        elif enrollment.supervisor_id != reviewer.pk:
            not_theirs = True
            problems.append(
                _("You don't supervise %(person)s in %(program)s, so you can't review %(entry)s.")
                % {
                    "person": enrollment.learner,
                    "program": enrollment.program,
                    "entry": described,
                }
            )
        elif enrollment.status != Enrollment.Status.ACTIVE:
            problems.append(
                _(
                    "%(person)s's enrollment in %(program)s isn't active, so %(entry)s can't be "
                    "reviewed."
                )
                % {
                    "person": enrollment.learner,
                    "program": enrollment.program,
                    "entry": described,
                }
            )
        elif entry.status == HoursEntry.Status.APPROVED:
            problems.append(_already_approved(entry, described))
        elif entry.status != HoursEntry.Status.SUBMITTED:
            problems.append(
                _("%(entry)s isn't waiting for review any more (%(status)s).")
                % {"entry": described, "status": entry.get_status_display().lower()}
            )
    if problems:
        refusal = ReviewNotAllowed if not_theirs else ValidationError
        raise refusal(problems + [_("Nothing was changed.")])
    return entries


def _already_approved(entry: HoursEntry, described: str) -> str:
    """Whole sentences, with or without who approved it and when."""
    values = {"entry": described, "person": entry.reviewed_by}
    if entry.reviewed_at:
        values["date"] = _day(timezone.localdate(entry.reviewed_at))
        if entry.reviewed_by:
            return _("%(entry)s was already approved by %(person)s on %(date)s.") % values
        return _("%(entry)s was already approved on %(date)s.") % values
    if entry.reviewed_by:
        return _("%(entry)s was already approved by %(person)s.") % values
    return _("%(entry)s was already approved.") % values


def _decide_hours(entries, *, status, reviewer, comment, action) -> None:
    now = timezone.now()
    for entry in entries:
        before = entry.snapshot()
        # Guarded update: whatever happens, a submitted entry is decided once.
        changed = HoursEntry.objects.filter(pk=entry.pk, status=HoursEntry.Status.SUBMITTED).update(
            status=status, reviewed_at=now, reviewed_by=reviewer, review_comment=comment
        )
        if changed != 1:
            raise ValidationError(
                _(
                    "Someone else reviewed these entries just now. Reload the page. "
                    "Nothing was changed."
                )
            )
        entry.status, entry.reviewed_at, entry.reviewed_by = status, now, reviewer
        entry.review_comment = comment
        _record(
            entry,
            action,
            actor=reviewer,
            from_status=HoursEntry.Status.SUBMITTED,
            comment=comment,
            snapshot=before,
        )


def _email_learners(entries, *, template, reviewer, comment="") -> None:
    by_learner = defaultdict(list)
    for entry in entries:
        by_learner[entry.enrollment.learner_id].append(entry)
    for learner_entries in by_learner.values():
        enrollment = learner_entries[0].enrollment
        email_send(
            to=enrollment.learner.email,
            language=language_of(enrollment.learner),
            template=template,
            context={
                "person": enrollment.learner,
                "program": enrollment.program,
                "entries": sorted(learner_entries, key=lambda entry: (entry.date, entry.pk)),
                "reviewer": reviewer,
                "comment": comment,
                "log_url": site_url(reverse("practice:hours_log", args=[enrollment.program.slug])),
            },
        )


@transaction.atomic
def hours_entries_approve(*, entry_ids, supervisor) -> list[HoursEntry]:
    """Approve submitted entries of the supervisor's own mentees, all or none.

    Rows are locked first, so of two approvals at once one waits and then finds
    the entry already approved."""
    entries = _locked_for_review(entry_ids, supervisor)
    _decide_hours(
        entries,
        status=HoursEntry.Status.APPROVED,
        reviewer=supervisor,
        comment="",
        action=HoursEntryEvent.Action.APPROVED,
    )
    _email_learners(entries, template="practice/emails/hours_approved", reviewer=supervisor)
    return entries


def _clean_comment(comment: str, *, if_empty: str) -> str:
    # Views pass the posted text as it came: drop NUL characters, which nobody
    # types and PostgreSQL cannot store.
    comment = (comment or "").replace("\x00", "").strip()
    if not comment:
        raise ValidationError(if_empty)
    if len(comment) > HOURS_COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("Please keep it under %(limit)s characters (it has %(count)s). Nothing was changed.")
            % {
                "limit": number_format(HOURS_COMMENT_MAX_LENGTH, force_grouping=True),
                "count": number_format(len(comment), force_grouping=True),
            }
        )
    return comment


@transaction.atomic
def hours_entries_return(*, entry_ids, supervisor, comment: str) -> list[HoursEntry]:
    """Send submitted entries back to the learner with a comment saying what to change."""
    comment = _clean_comment(
        comment,
        if_empty=_("Write a comment saying what the learner should change. Nothing was changed."),
    )
    entries = _locked_for_review(entry_ids, supervisor)
    _decide_hours(
        entries,
        status=HoursEntry.Status.RETURNED,
        reviewer=supervisor,
        comment=comment,
        action=HoursEntryEvent.Action.RETURNED,
    )
    _email_learners(
        entries, template="practice/emails/hours_returned", reviewer=supervisor, comment=comment
    )
    return entries


@transaction.atomic
def hours_entry_reopen(*, entry: HoursEntry, coordinator, reason: str) -> HoursEntry:
    """Reopen an approved entry: it goes back to the learner as returned, with the
    reason; the approved values stay in its history."""
    if not coordinator.has_perm(REOPEN_PERMISSION):
        raise ValidationError(
            _("Only a coordinator can reopen approved hours. Nothing was changed.")
        )
    reason = _clean_comment(
        reason, if_empty=_("Write the reason for reopening this entry. Nothing was changed.")
    )
    entry = (
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("enrollment__learner", "enrollment__program", "domain", "activity_type")
        .get(pk=entry.pk)
    )
    if entry.status != HoursEntry.Status.APPROVED:
        raise ValidationError(
            _("Only approved entries can be reopened; this one is %(status)s. Nothing was changed.")
            % {"status": entry.get_status_display().lower()}
        )
    before = entry.snapshot()
    now = timezone.now()
    entry.status = HoursEntry.Status.RETURNED
    entry.reviewed_at = now
    entry.reviewed_by = coordinator
    entry.review_comment = reason
    entry.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment"])
    _record(
        entry,
        HoursEntryEvent.Action.REOPENED,
        actor=coordinator,
        from_status=HoursEntry.Status.APPROVED,
        comment=reason,
        snapshot=before,
    )
    _email_learners(
        [entry], template="practice/emails/hours_reopened", reviewer=coordinator, comment=reason
    )
    return entry


def supervisor_digests_send(*, today: datetime.date | None = None) -> int:
    """Email each supervisor with entries waiting for review one digest, at most
    once a day (a SupervisorDigest row per supervisor and day; running this
    twice sends nothing more). Returns how many digests were sent."""
    today = today or timezone.localdate()
    rows = list(selectors.supervisors_with_waiting_entries())
    people = get_user_model().objects.in_bulk([row["enrollment__supervisor"] for row in rows])
    sent = 0
    for row in rows:
        supervisor = people[row["enrollment__supervisor"]]
        if not supervisor.is_active:
            continue
        try:
            with transaction.atomic():
                digest = SupervisorDigest(
                    supervisor=supervisor, sent_on=today, entry_count=row["entry_count"]
                )
                digest.full_clean(validate_constraints=False)
                digest.save()
                email_send(
                    to=supervisor.email,
                    language=language_of(supervisor),
                    template="practice/emails/hours_digest",
                    context={
                        "person": supervisor,
                        "entry_count": row["entry_count"],
                        "people": row["people"],
                        "oldest": row["oldest"],
                        "queue_url": site_url(reverse("practice_review:index")),
                    },
                )
        except IntegrityError:
            continue  # already sent today
        sent += 1
    return sent
