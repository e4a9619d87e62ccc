"""The arithmetic of supervised practice hours, with no database in sight.

Hours are `Decimal`s in quarter-hour steps. `credit()` turns approved entries
into creditable hours under a program's caps; `practice.selectors.hours_summary`
feeds it rows from the database and the tests feed it plain values.

How caps credit hours (the rule the dashboard, the reports and eligibility share):
- every entry counts at most `per_entry` hours;
- practice entries are then credited in date order (and, within a day, in the
  order they were logged) until the day's `per_day` allowance and the week's
  `per_week` allowance (weeks run Monday to Sunday) are used up; what is left
  over stays in the log as recorded hours but is not credited;
- supervision received is capped per entry only: the daily and weekly limits are
  about practice time, and supervision is counted against its own requirement.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

QUARTER = Decimal("0.25")
ZERO = Decimal("0")
# Nobody works more than a day in a day, whatever a program's cap says.
ABSOLUTE_DAY_LIMIT = Decimal("24")

PRACTICE = "practice"
SUPERVISION = "supervision"


def is_quarter_hours(value) -> bool:
    """True for 0.25, 1.5, 3 …; False for 0.3 or 1.333."""
    try:
        value = Decimal(value)
    except (ArithmeticError, TypeError, ValueError):
        return False
    try:
        return value.is_finite() and (value / QUARTER) % 1 == 0
    except ArithmeticError:  # beyond the decimal context ("1e309"): not a number of hours
        return False


def validate_quarter_hours(value) -> None:
    if value is not None and not is_quarter_hours(value):
        raise ValidationError(
            _("Use quarter-hour steps: for example 0.25 (15 minutes), 0.5, 0.75 or 1."),
            code="quarter_hours",
        )


def format_hours(value) -> str:
    """1 → "1", 1.50 → "1.5", 0.25 → "0.25" (no trailing zeros)."""
    if value is None:
        return ""
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


@dataclass(frozen=True)
class Caps:
    per_entry: Decimal | None = None
    per_day: Decimal | None = None
    per_week: Decimal | None = None


@dataclass(frozen=True)
class CreditLine:
    """One approved entry as the crediting rule sees it."""

    key: object  # the entry's id: the order within a day
    date: datetime.date
    hours: Decimal
    domain_id: int
    counts_as: str  # PRACTICE or SUPERVISION


@dataclass
class Credited:
    """What `credit()` found: creditable hours per entry, per domain and in total."""

    by_key: dict = field(default_factory=dict)
    practice_by_domain: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))
    supervision_by_domain: dict = field(default_factory=lambda: defaultdict(lambda: ZERO))

    @property
    def practice_total(self) -> Decimal:
        return sum(self.practice_by_domain.values(), ZERO)

    @property
    def supervision_total(self) -> Decimal:
        return sum(self.supervision_by_domain.values(), ZERO)


def _week(day: datetime.date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


def credit(lines: Iterable[CreditLine], caps: Caps) -> Credited:
    """Creditable hours of approved entries under `caps` (see the module docstring)."""
    result = Credited()
    day_used: dict[datetime.date, Decimal] = defaultdict(lambda: ZERO)
    week_used: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)
    day_limit = min(caps.per_day, ABSOLUTE_DAY_LIMIT) if caps.per_day else ABSOLUTE_DAY_LIMIT
    for line in sorted(lines, key=lambda line: (line.date, line.key)):
        hours = max(line.hours, ZERO)
        if caps.per_entry is not None:
            hours = min(hours, caps.per_entry)
        if line.counts_as == PRACTICE:
            hours = min(hours, max(day_limit - day_used[line.date], ZERO))
            if caps.per_week is not None:
                week = _week(line.date)
                hours = min(hours, max(caps.per_week - week_used[week], ZERO))
                week_used[week] += hours
            day_used[line.date] += hours
            result.practice_by_domain[line.domain_id] += hours
        else:
            result.supervision_by_domain[line.domain_id] += hours
        result.by_key[line.key] = hours
    return result
