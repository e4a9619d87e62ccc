"""Supervised practice hours: the learner's log, its history and the
supervisors' digests. Writes go through practice/services.py; the crediting
arithmetic is programs/hours.py.

The tables kept the names they had when these models lived in training/
(db_table), so moving them lost no row (practice/migrations/0001)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from programs.hours import QUARTER, format_hours, validate_quarter_hours
from programs.models import ActivityType, Domain, Enrollment


class HoursEntry(models.Model):
    """One entry in a learner's supervised practice log.

    Drafts and returned entries are the learner's to edit; a submitted entry waits
    for the enrollment's current supervisor; an approved entry is locked (only a
    coordinator can reopen it, with a reason). Every change is an HoursEntryEvent,
    so earlier values, approved ones included, are never lost.

    The log holds no client fields: notes are short, warned about and checked for
    likely identifiers before they are saved (practice/identifiers.py)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned to you")

    NOTES_MAX_LENGTH = 1000

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.PROTECT, related_name="hours_entries"
    )
    date = models.DateField()
    hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(QUARTER), MaxValueValidator(24), validate_quarter_hours],
    )
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    activity_type = models.ForeignKey(
        ActivityType, on_delete=models.PROTECT, related_name="entries"
    )
    setting = models.CharField(max_length=120)
    notes = models.TextField(blank=True, max_length=NOTES_MAX_LENGTH)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # The last submission; kept when an entry is withdrawn, so "never submitted"
    # (the only drafts a learner may delete) stays knowable.
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Why it was last returned or reopened: shown to the learner until it is approved.
    review_comment = models.TextField(blank=True)
    # The learner's statement that flagged text holds no client information.
    client_info_confirmed_at = models.DateTimeField(null=True, blank=True)
    client_info_confirmed_kinds = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "training_hoursentry"
        ordering = ["-date", "-pk"]
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")
        indexes = [
            models.Index(fields=["enrollment", "date"], name="hours_entry_enrollment_date"),
            models.Index(fields=["status", "submitted_at"], name="hours_entry_status_submitted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=24),
                name="hours_entry_hours_in_range",
            ),
        ]
        permissions = [
            ("review_hoursentry", "Can approve or return the hours of their own mentees"),
            ("reopen_hoursentry", "Can reopen an approved hours entry"),
        ]

    def __str__(self):
        return gettext("%(hours)s h on %(date)s (%(status)s)") % {
            "hours": self.hours,
            "date": date_format(self.date, "j M Y"),
            "status": self.get_status_display().lower(),
        }

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def is_deletable(self) -> bool:
        return self.status == self.Status.DRAFT and self.submitted_at is None

    def snapshot(self) -> dict:
        """The entry's values as the history keeps them."""
        return {
            "date": self.date.isoformat(),
            "hours": format_hours(self.hours),
            "domain": self.domain.name,
            "domain_id": self.domain_id,
            "activity_type": self.activity_type.name,
            "activity_type_id": self.activity_type_id,
            "counts_as": self.activity_type.counts_as,
            "setting": self.setting,
            "notes": self.notes,
            "status": self.status,
        }


class HoursEntryEvent(models.Model):
    """One step in an entry's history: who did what, when, why, and what the
    entry was at that moment (so approved values survive a reopening)."""

    class Action(models.TextChoices):
        CREATED = "created", _("Logged")
        EDITED = "edited", _("Edited")
        SUBMITTED = "submitted", _("Submitted for review")
        WITHDRAWN = "withdrawn", _("Withdrawn to edit")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned with a comment")
        REOPENED = "reopened", _("Reopened by a coordinator")

    entry = models.ForeignKey(HoursEntry, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    comment = models.TextField(blank=True)
    # The values before this step (for creation: the values as logged).
    snapshot = models.JSONField(default=dict)
    # Kinds of likely identifiers the learner confirmed were not client information.
    confirmed_kinds = models.JSONField(default=list, blank=True)

    class Meta:
        db_table = "training_hoursentryevent"
        ordering = ["at", "pk"]
        verbose_name = _("hours entry event")

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class SupervisorDigest(models.Model):
    """A daily digest sent to a supervisor: at most one a day (the constraint is
    what makes `send_supervisor_digests` safe to run twice)."""

    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    entry_count = models.PositiveIntegerField()

    class Meta:
        db_table = "training_supervisordigest"
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervisor", "sent_on"], name="one_digest_per_supervisor_per_day"
            )
        ]

    def __str__(self):
        return gettext("Digest for %(person)s on %(date)s") % {
            "person": self.supervisor,
            "date": self.sent_on,
        }
