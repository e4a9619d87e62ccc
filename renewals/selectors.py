"""Reads of renewal rules, a holder's CE log and their renewal progress."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import ngettext

from certificates.models import Certificate
from courses.models import CourseCompletion
from programs.hours import format_hours
from training.languages import in_language

from .models import CEEntry, Renewal, RenewalCategoryRequirement, RenewalRules


def rules_for(certificate: Certificate) -> RenewalRules:
    """The renewal rules of the certificate's program, with their category rows
    (`requirements`, `domain_map`) read: three queries. A program whose
    certification has no rules yet (none saved since this app arrived) gets the
    defaults, without category minimums."""
    rules = (
        RenewalRules.objects.filter(certification__program_id=certificate.enrollment.program_id)
        .prefetch_related(
            Prefetch(
                "category_requirements",
                queryset=RenewalCategoryRequirement.objects.select_related("category"),
            ),
            "domain_categories",
        )
        .first()
    )
    if rules is None:
        rules = RenewalRules()
        rules.requirements = []
        rules.domain_map = {}
        return rules
    rules.requirements = list(rules.category_requirements.all())
    rules.domain_map = {row.domain_id: row.category_id for row in rules.domain_categories.all()}
    return rules


@dataclass(frozen=True)
class Cycle:
    starts_on: datetime.date
    expires_on: datetime.date
    window_opens_on: datetime.date
    grace_ends_on: datetime.date
    # With "complete a longer CE requirement" a holder may renew after the
    # grace period too; with "apply again in full" the window closes with it.
    open_after_grace: bool = False

    def window_open_on(self, day: datetime.date) -> bool:
        if day < self.window_opens_on:
            return False
        return self.open_after_grace or day <= self.grace_ends_on

    def after_grace_on(self, day: datetime.date) -> bool:
        return day > self.grace_ends_on

    def counts_until(self, today: datetime.date) -> datetime.date:
        """The last day whose CE activities count toward this cycle."""
        if self.open_after_grace and self.after_grace_on(today):
            return today
        return self.grace_ends_on


def cycle_of(certificate: Certificate, rules: RenewalRules | None = None) -> Cycle:
    """The certificate's current cycle: from its issue (or, after a name change,
    from the day the cycle began) to its expiry, then the grace period."""
    rules = rules if rules is not None else rules_for(certificate)
    starts_on = certificate.snapshot.get("cycle_starts_on")
    return Cycle(
        starts_on=datetime.date.fromisoformat(starts_on) if starts_on else certificate.issued_on,
        expires_on=certificate.expires_on,
        window_opens_on=certificate.expires_on - datetime.timedelta(days=rules.window_opens_days),
        grace_ends_on=certificate.expires_on + datetime.timedelta(days=rules.grace_days),
        open_after_grace=rules.after_grace == RenewalRules.LONGER_CE,
    )


def holder_certificates(user):
    """The user's live certificates, newest first, with what the CE pages show."""
    return (
        Certificate.objects.live()
        .filter(enrollment__learner=user)
        .select_related("enrollment__program")
        .order_by("-issued_on")
    )


def ce_entries(certificate: Certificate):
    return CEEntry.objects.filter(certificate=certificate).select_related("category")


def ce_entry_for(user, public_id) -> CEEntry | None:
    """The holder's own entry by its public id, or None (someone else's too)."""
    return (
        CEEntry.objects.filter(public_id=public_id, certificate__enrollment__learner=user)
        .select_related("certificate__enrollment__program", "category")
        .first()
    )


def ce_entry_for_staff(public_id) -> CEEntry | None:
    return CEEntry.objects.filter(public_id=public_id).first()


@dataclass
class CategoryProgress:
    name: str
    required: Decimal
    logged: Decimal = Decimal("0")
    # The category's Spanish, where written: templates show it with
    # `{% in_language row "name" %}`, sentences in Python with `shown_name`.
    name_es: str = ""

    @property
    def shown_name(self) -> str:
        """The name in the active language (the English where none is written)."""
        return in_language(self, "name")

    @property
    def missing(self) -> Decimal:
        return max(self.required - self.logged, Decimal("0"))


@dataclass
class RenewalProgress:
    rules: RenewalRules
    cycle: Cycle
    total_required: Decimal
    total_logged: Decimal = Decimal("0")
    from_courses: Decimal = Decimal("0")
    categories: list[CategoryProgress] = field(default_factory=list)

    @property
    def total_missing(self) -> Decimal:
        return max(self.total_required - self.total_logged, Decimal("0"))

    @property
    def missing(self) -> list[str]:
        """What is still missing, in words: "4 more CE hours in Ethics"."""
        items = [
            _hours_words(row.missing, category=row.shown_name)
            for row in self.categories
            if row.missing
        ]
        if self.total_missing:
            items.append(_hours_words(self.total_missing))
        return items

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def window_open(self) -> bool:
        return self.cycle.window_open_on(timezone.localdate())

    @property
    def after_grace(self) -> bool:
        return self.cycle.after_grace_on(timezone.localdate())


def _hours_words(hours: Decimal, *, category: str | None = None) -> str:
    """ "4 more CE hours in Ethics", "1.5 more CE hours in total"."""
    # A whole number picks its own plural form; a fraction takes the plural.
    count = int(hours) if hours == int(hours) else 2
    values = {"hours": format_hours(hours), "category": category}
    if category is None:
        return (
            ngettext("%(hours)s more CE hour in total", "%(hours)s more CE hours in total", count)
            % values
        )
    return (
        ngettext(
            "%(hours)s more CE hour in %(category)s",
            "%(hours)s more CE hours in %(category)s",
            count,
        )
        % values
    )


def renewal_progress(certificate: Certificate) -> RenewalProgress:
    """Per-category and total CE hours logged against what the rules ask for.

    Counts the holder's CE entries dated inside the cycle and the Peerpath
    courses they completed inside it (their recorded training hours, each
    domain's hours toward the category the rules map it to; unmapped domains
    count toward the total only). Five queries, however many entries and
    courses, for a certificate read with its enrollment (`holder_certificates`)."""
    rules = rules_for(certificate)
    cycle = cycle_of(certificate, rules)
    total_required = rules.ce_hours_total
    if cycle.open_after_grace and cycle.after_grace_on(timezone.localdate()):
        total_required += rules.after_grace_extra_hours
    progress = RenewalProgress(
        rules=rules,
        cycle=cycle,
        total_required=total_required,
        categories=[
            CategoryProgress(
                name=row.category.name, name_es=row.category.name_es, required=row.hours
            )
            for row in rules.requirements
        ],
    )
    by_category = {
        row.category_id: progress.categories[i] for i, row in enumerate(rules.requirements)
    }

    def count(category_id, hours: Decimal) -> None:
        progress.total_logged += hours
        if category_id in by_category:
            by_category[category_id].logged += hours

    last_day = cycle.counts_until(timezone.localdate())
    entries = CEEntry.objects.filter(
        certificate=certificate, date__gte=cycle.starts_on, date__lte=last_day
    ).values_list("category_id", "hours")
    for category_id, hours in entries:
        count(category_id, hours)

    start = datetime.datetime.combine(cycle.starts_on, datetime.time.min)
    end = datetime.datetime.combine(last_day, datetime.time.max)
    completions = CourseCompletion.objects.filter(
        learner_id=certificate.enrollment.learner_id,
        superseded_at__isnull=True,
        completed_at__gte=timezone.make_aware(start),
        completed_at__lte=timezone.make_aware(end),
    ).only("training_hours")
    for completion in completions:
        for domain_id, hours in completion.hours_by_domain().items():
            progress.from_courses += hours
            count(rules.domain_map.get(domain_id), hours)
    return progress


def latest_renewal(certificate: Certificate) -> Renewal | None:
    """The certificate's most recent renewal request (waiting, returned or approved)."""
    return Renewal.objects.filter(certificate=certificate).order_by("-requested_at", "-pk").first()


def renewals_waiting():
    """The coordinators' renewal queue: oldest request first."""
    return (
        Renewal.objects.filter(status=Renewal.Status.PENDING)
        .select_related("certificate__enrollment__learner", "certificate__enrollment__program")
        .order_by("requested_at", "pk")
    )


def renewal_for_review(renewal_id: int) -> Renewal | None:
    return (
        Renewal.objects.filter(pk=renewal_id)
        .select_related(
            "certificate__enrollment__learner",
            "certificate__enrollment__program",
            "decided_by",
            "successor",
        )
        .first()
    )
