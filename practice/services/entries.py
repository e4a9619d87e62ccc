"""Writes of the learner's practice log: create, edit, delete, submit, withdraw.

Every function is keyword-only, runs in one transaction and raises
`ValidationError` with a message meant for the person who asked; when it raises,
nothing has changed.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from practice import identifiers
from practice.models import HoursEntry, HoursEntryEvent
from programs import selectors as program_selectors
from programs.hours import (
    ABSOLUTE_DAY_LIMIT,
    format_hours,
    is_quarter_hours,
)
from programs.models import (
    Enrollment,
)
from training.ids import plain_id

# --- Supervised practice hours ----------------------------------------------------------
# The learner logs, edits, submits and withdraws; the enrollment's current
# supervisor approves or returns; a coordinator may reopen an approved entry.
# Each step is an HoursEntryEvent holding the values before it, so the history
# answers "who, when, what it was, why" and approved values are never lost.

HOURS_COMMENT_MAX_LENGTH = 1000
REVIEW_PERMISSION = "practice.review_hoursentry"
REOPEN_PERMISSION = "practice.reopen_hoursentry"


class IdentifiersFound(ValidationError):
    """The notes or setting look like they hold client identifiers, and the learner
    hasn't confirmed they don't. Carries the findings so the form can show them."""

    def __init__(self, findings):
        self.findings = findings
        super().__init__(
            _(
                "Your entry may identify someone you supported: %(findings)s. Please rewrite "
                "it without names, contact details, dates of birth, addresses or record "
                "numbers, or confirm that it holds no client information."
            )
            % {"findings": "; ".join(identifiers.describe(findings))},
            code="identifiers",
        )


def _hours(value) -> str:
    return format_hours(value)


def _day(value: datetime.date) -> str:
    return date_format(value, _("j F Y"))


def _describe_entry(entry: HoursEntry) -> str:
    return _("%(person)s's %(hours)s h on %(date)s") % {
        "person": entry.enrollment.learner,
        "hours": _hours(entry.hours),
        "date": _day(entry.date),
    }


def _record(entry, action, *, actor, from_status="", comment="", snapshot=None, confirmed=()):
    event = HoursEntryEvent(
        entry=entry,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=entry.status,
        comment=comment,
        snapshot=snapshot if snapshot is not None else entry.snapshot(),
        confirmed_kinds=list(confirmed),
    )
    # The entry was just saved and the actor is the signed-in person: checking
    # that both exist would be two queries per entry (approving 50 at once: 100).
    event.full_clean(exclude=["entry", "actor"])
    event.save()
    return event


def _check_entry_values(
    *,
    enrollment: Enrollment,
    date,
    hours,
    domain,
    activity_type,
    setting: str,
    notes: str,
    entry: HoursEntry | None = None,
) -> None:
    """Every rule an entry's values must meet, all reported at once (by field)."""
    program = enrollment.program
    errors: dict[str, list[str]] = {}

    def refuse(field_name, message):
        errors.setdefault(field_name, []).append(message)

    today = timezone.localdate()
    enrolled_on = timezone.localdate(enrollment.enrolled_at)
    if date is None:
        refuse("date", _("Enter the date you did this."))
    elif date > today:
        refuse(
            "date",
            _("The date can't be in the future. Log hours on or after the day you did them."),
        )
    elif date < enrolled_on:
        refuse(
            "date",
            _(
                "This is before you enrolled in %(program)s (on %(date)s). Only hours from "
                "your enrollment onwards count."
            )
            % {"program": program, "date": _day(enrolled_on)},
        )

    try:
        hours = Decimal(hours) if hours is not None else None
    except (ArithmeticError, TypeError, ValueError):
        hours = None
        refuse("hours", _("Enter the hours as a number, for example 1.5."))
    if hours is not None and not hours.is_finite():
        hours = None
        refuse("hours", _("Enter the hours as a number, for example 1.5."))
    day_limit = min(program.max_hours_per_day, ABSOLUTE_DAY_LIMIT)
    if hours is None:
        errors.setdefault("hours", [_("Enter the hours you spent.")])
    elif hours <= 0:
        refuse("hours", _("Enter more than zero hours."))
    elif not is_quarter_hours(hours):
        refuse(
            "hours",
            _("Use quarter-hour steps: for example 0.25 (15 minutes), 0.5, 0.75 or 1."),
        )
    elif hours > min(program.max_hours_per_entry, ABSOLUTE_DAY_LIMIT):
        most = min(program.max_hours_per_entry, ABSOLUTE_DAY_LIMIT)
        refuse(
            "hours",
            _(
                "One entry can have at most %(hours)s hours in this program. Split a longer "
                "stretch into separate entries."
            )
            % {"hours": _hours(most)},
        )
    elif date is not None and "date" not in errors:
        others = HoursEntry.objects.filter(enrollment=enrollment, date=date)
        if entry is not None:
            others = others.exclude(pk=entry.pk)
        logged = sum(others.values_list("hours", flat=True), Decimal("0"))
        if logged + hours > day_limit:
            refuse(
                "hours",
                _(
                    "You've already logged %(logged)s hours on %(date)s. With this entry that "
                    "day would have %(total)s, more than the %(limit)s hours a day this "
                    "program accepts."
                )
                % {
                    "logged": _hours(logged),
                    "date": _day(date),
                    "total": _hours(logged + hours),
                    "limit": _hours(day_limit),
                },
            )

    if activity_type is None:
        refuse("activity_type", _("Choose the kind of activity."))
    elif activity_type.program_id != program.pk:
        refuse(
            "activity_type",
            _("Choose one of the activity types of %(program)s.") % {"program": program},
        )
    elif (
        not activity_type.is_active and getattr(entry, "activity_type_id", None) != activity_type.pk
    ):
        refuse(
            "activity_type",
            _("%(program)s no longer accepts “%(activity)s”. Choose another activity type.")
            % {"program": program, "activity": activity_type},
        )

    if domain is None:
        refuse("domain", _("Choose the domain this work belongs to."))
    elif domain.pk not in {known.pk for known in program_selectors.program_domain_list(program)}:
        refuse(
            "domain",
            _("%(program)s doesn't count hours in %(domain)s. Choose one of its domains.")
            % {"program": program, "domain": domain},
        )

    setting_max = HoursEntry._meta.get_field("setting").max_length
    if not (setting or "").strip():
        refuse("setting", _("Say where this took place, for example “recovery community centre”."))
    elif len(setting) > setting_max:
        refuse(
            "setting",
            _("Please keep the setting under %(limit)s characters.") % {"limit": setting_max},
        )

    if len(notes or "") > HoursEntry.NOTES_MAX_LENGTH:
        refuse(
            "notes",
            _("Please keep notes under %(limit)s characters (these have %(count)s).")
            % {
                "limit": number_format(HoursEntry.NOTES_MAX_LENGTH, force_grouping=True),
                "count": number_format(len(notes), force_grouping=True),
            },
        )
    if errors:
        raise ValidationError(errors)


def _check_no_identifiers(*, setting: str, notes: str, confirmed: bool) -> list[str]:
    """Refuse likely identifiers unless the learner confirmed there are none;
    return the kinds they confirmed (recorded with the entry)."""
    findings = identifiers.find_identifiers(setting or "") + identifiers.find_identifiers(
        notes or ""
    )
    if findings and not confirmed:
        raise IdentifiersFound(findings)
    return sorted({finding.kind for finding in findings})


def _own_active_enrollment(enrollment: Enrollment, learner) -> Enrollment:
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.learner_id != learner.pk:
        raise ValidationError(_("You can only log hours in your own enrollment."))
    if enrollment.status != Enrollment.Status.ACTIVE:
        raise ValidationError(
            _(
                "Your enrollment in %(program)s isn't active, so hours can't be changed. "
                "Nothing was saved."
            )
            % {"program": enrollment.program}
        )
    return enrollment


def _locked_own_entry(entry: HoursEntry, learner) -> HoursEntry:
    entry = (
        HoursEntry.objects.select_for_update(of=("self",))
        .select_related("enrollment__program", "domain", "activity_type")
        .get(pk=entry.pk)
    )
    if entry.enrollment.learner_id != learner.pk:
        raise ValidationError(_("You can only change your own hours."))
    return entry


def _refuse_locked(entry: HoursEntry, *, deleting: bool) -> None:
    # Whole sentences for editing and deleting: other languages don't slot the verb in.
    if entry.status == HoursEntry.Status.APPROVED:
        if deleting:
            raise ValidationError(
                _(
                    "This entry is approved and locked, so it can't be deleted. If something "
                    "in it is wrong, ask your coordinator to reopen it. Nothing was changed."
                )
            )
        raise ValidationError(
            _(
                "This entry is approved and locked, so it can't be edited. If something in "
                "it is wrong, ask your coordinator to reopen it. Nothing was changed."
            )
        )
    if entry.status == HoursEntry.Status.SUBMITTED:
        if deleting:
            raise ValidationError(
                _(
                    "This entry is waiting for review, so it can't be deleted. Withdraw it "
                    "first. Nothing was changed."
                )
            )
        raise ValidationError(
            _(
                "This entry is waiting for review, so it can't be edited. Withdraw it first. "
                "Nothing was changed."
            )
        )


def _checked_values(
    *,
    enrollment: Enrollment,
    date,
    hours,
    domain,
    activity_type,
    setting: str,
    notes: str,
    confirm_no_client_info: bool,
    entry: HoursEntry | None = None,
) -> tuple[dict, list[str]]:
    """The entry's values, trimmed and checked against the program's rules and
    for likely client identifiers (creating and editing share every rule), with
    the kinds of identifier the learner confirmed are not client information."""
    setting, notes = (setting or "").strip(), (notes or "").strip()
    _check_entry_values(
        enrollment=enrollment,
        date=date,
        hours=hours,
        domain=domain,
        activity_type=activity_type,
        setting=setting,
        notes=notes,
        entry=entry,
    )
    confirmed = _check_no_identifiers(
        setting=setting, notes=notes, confirmed=confirm_no_client_info
    )
    values = {
        "date": date,
        "hours": Decimal(hours),
        "domain": domain,
        "activity_type": activity_type,
        "setting": setting,
        "notes": notes,
    }
    return values, confirmed


@transaction.atomic
def hours_entry_create(
    *,
    enrollment: Enrollment,
    learner,
    date,
    hours,
    domain,
    activity_type,
    setting: str,
    notes: str = "",
    confirm_no_client_info: bool = False,
) -> HoursEntry:
    """Log a draft entry. Raises `IdentifiersFound` when the text looks like it
    identifies someone and the learner hasn't confirmed it doesn't."""
    # Locking the enrollment queues two entries for the same day, so the daily
    # limit can't be passed by saving twice at once.
    enrollment = _own_active_enrollment(enrollment, learner)
    values, confirmed = _checked_values(
        enrollment=enrollment,
        date=date,
        hours=hours,
        domain=domain,
        activity_type=activity_type,
        setting=setting,
        notes=notes,
        confirm_no_client_info=confirm_no_client_info,
    )
    now = timezone.now()
    entry = HoursEntry(
        enrollment=enrollment,
        **values,
        created_at=now,
        updated_at=now,
        client_info_confirmed_at=now if confirmed else None,
        client_info_confirmed_kinds=confirmed,
    )
    entry.full_clean()
    entry.save()
    _record(entry, HoursEntryEvent.Action.CREATED, actor=learner, confirmed=confirmed)
    return entry


ENTRY_FIELDS = ("date", "hours", "domain", "activity_type", "setting", "notes")


@transaction.atomic
def hours_entry_update(
    *,
    entry: HoursEntry,
    learner,
    date,
    hours,
    domain,
    activity_type,
    setting: str,
    notes: str = "",
    confirm_no_client_info: bool = False,
) -> HoursEntry:
    """Change a draft or returned entry. Submitted entries must be withdrawn first;
    approved ones are locked."""
    _own_active_enrollment(entry.enrollment, learner)
    entry = _locked_own_entry(entry, learner)
    _refuse_locked(entry, deleting=False)
    new_values, confirmed = _checked_values(
        enrollment=entry.enrollment,
        date=date,
        hours=hours,
        domain=domain,
        activity_type=activity_type,
        setting=setting,
        notes=notes,
        confirm_no_client_info=confirm_no_client_info,
        entry=entry,
    )
    before = entry.snapshot()
    if all(getattr(entry, name) == value for name, value in new_values.items()):
        return entry
    for name, value in new_values.items():
        setattr(entry, name, value)
    now = timezone.now()
    entry.updated_at = now
    entry.client_info_confirmed_at = now if confirmed else None
    entry.client_info_confirmed_kinds = confirmed
    entry.full_clean()
    entry.save()
    _record(
        entry,
        HoursEntryEvent.Action.EDITED,
        actor=learner,
        from_status=entry.status,
        snapshot=before,
        confirmed=confirmed,
    )
    return entry


@transaction.atomic
def hours_entry_delete(*, entry: HoursEntry, learner) -> None:
    """Delete a draft that was never submitted (anything a supervisor has seen stays)."""
    _own_active_enrollment(entry.enrollment, learner)
    entry = _locked_own_entry(entry, learner)
    _refuse_locked(entry, deleting=True)
    if not entry.is_deletable:
        raise ValidationError(
            _(
                "This entry has been reviewed before, so it stays in your log. You can edit it "
                "and submit it again. Nothing was changed."
            )
        )
    entry.delete()


def _chosen_ids(values, *, refusal: str) -> list[int]:
    """The posted entry ids, or a refusal if any of them is not an id at all."""
    ids = {plain_id(value) for value in values}
    if None in ids:
        raise ValidationError(refusal)
    return sorted(ids)


@transaction.atomic
def hours_entries_submit(*, entry_ids, learner) -> list[HoursEntry]:
    """Send drafts and returned entries to the supervisor, all or none."""
    not_yours = _("Some of the chosen entries aren't in your log. Nothing was submitted.")
    ids = _chosen_ids(entry_ids, refusal=not_yours)
    if not ids:
        raise ValidationError(_("Choose at least one entry to submit."))
    entries = list(
        HoursEntry.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, enrollment__learner=learner)
        .select_related("enrollment__program", "domain", "activity_type")
        .order_by("pk")
    )
    if len(entries) != len(ids):
        raise ValidationError(not_yours)
    problems = []
    for entry in entries:
        enrollment = entry.enrollment
        if enrollment.status != Enrollment.Status.ACTIVE:
            problems.append(
                _("Your enrollment in %(program)s isn't active, so its hours can't be submitted.")
                % {"program": enrollment.program}
            )
        elif enrollment.supervisor_id is None:
            problems.append(
                _(
                    "You don't have a supervisor in %(program)s yet; your coordinator will "
                    "assign one. Your entries stay saved as drafts."
                )
                % {"program": enrollment.program}
            )
        elif entry.status == HoursEntry.Status.SUBMITTED:
            problems.append(
                _("The entry of %(date)s is already waiting for review.")
                % {"date": _day(entry.date)}
            )
        elif entry.status == HoursEntry.Status.APPROVED:
            problems.append(
                _("The entry of %(date)s is already approved.") % {"date": _day(entry.date)}
            )
    if problems:
        raise ValidationError(
            sorted(set(problems), key=problems.index) + [_("Nothing was submitted.")]
        )
    now = timezone.now()
    for entry in entries:
        before, from_status = entry.snapshot(), entry.status
        entry.status = HoursEntry.Status.SUBMITTED
        entry.submitted_at = now
        entry.save(update_fields=["status", "submitted_at"])
        _record(
            entry,
            HoursEntryEvent.Action.SUBMITTED,
            actor=learner,
            from_status=from_status,
            snapshot=before,
        )
    return entries


@transaction.atomic
def hours_entry_withdraw(*, entry: HoursEntry, learner) -> HoursEntry:
    """Take a submitted entry back to edit it; it becomes a draft again."""
    entry = _locked_own_entry(entry, learner)
    if entry.status != HoursEntry.Status.SUBMITTED:
        if entry.status == HoursEntry.Status.APPROVED:
            raise ValidationError(
                _(
                    "This entry is already approved and locked; it can't be withdrawn. "
                    "Nothing was changed."
                )
            )
        raise ValidationError(
            _("Only an entry waiting for review can be withdrawn. Nothing was changed.")
        )
    before = entry.snapshot()
    entry.status = HoursEntry.Status.DRAFT
    entry.save(update_fields=["status"])
    _record(
        entry,
        HoursEntryEvent.Action.WITHDRAWN,
        actor=learner,
        from_status=HoursEntry.Status.SUBMITTED,
        snapshot=before,
    )
    return entry
