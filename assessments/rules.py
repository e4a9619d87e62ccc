"""Pure rules about quizzes that the services, the pages, the editor form and
the demo share: no models, no queries."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# The review policy that shows the right answers after any attempt, failed or not
# (assessments.models.ReviewPolicy.AFTER_EACH).
SHOWS_ANSWERS_AFTER_A_FAIL = "after_each"


def answers_can_be_copied(
    *, review_policy: str, max_attempts: int, questions_per_attempt: int, pool: int
) -> bool:
    """True when a learner could pass by copying: every right answer shows after
    a failed attempt, attempts are unlimited, and each attempt draws the whole
    pool, so the next attempt asks exactly the questions just answered for them."""
    draws_whole_pool = not questions_per_attempt or questions_per_attempt >= pool
    return review_policy == SHOWS_ANSWERS_AFTER_A_FAIL and not max_attempts and draws_whole_pool


# --- The next attempt ----------------------------------------------------------


@dataclass(frozen=True)
class NextAttempt:
    """Whether a learner may start another attempt, and when."""

    refusal: str = ""  # why there is no next attempt at all ("" when there is one)
    opens_at: datetime | None = None  # the end of the pause, when it has not ended yet
    practice: bool = False  # after passing: a practice attempt

    @property
    def possible(self) -> bool:
        return not self.refusal

    @property
    def open_now(self) -> bool:
        return not self.refusal and self.opens_at is None


def next_attempt(
    *,
    passed: bool,
    allow_practice: bool,
    allowed: int | None,
    used: int,
    last_submitted_at: datetime | None,
    wait_minutes: int,
    now: datetime,
) -> NextAttempt:
    """`allowed` None means unlimited; `used` counts attempts that are not practice."""
    if passed and not allow_practice:
        return NextAttempt(refusal=_("You have passed this quiz already. Well done!"))
    if not passed and allowed is not None and used >= allowed:
        return NextAttempt(
            refusal=ngettext(
                "You have used all %(count)s attempts for this quiz. "
                "Your trainer or coordinator can talk with you about next steps.",
                "You have used all %(count)s attempts for this quiz. "
                "Your trainer or coordinator can talk with you about next steps.",
                allowed,
            )
            % {"count": allowed}
        )
    if last_submitted_at is not None and wait_minutes:
        opens_at = last_submitted_at + timedelta(minutes=wait_minutes)
        if now < opens_at:
            return NextAttempt(opens_at=opens_at, practice=passed)
    return NextAttempt(practice=passed)


def when_in_words(moment: datetime, now: datetime) -> str:
    """ "at 15:43 CST today", "at 09:00 CST tomorrow" or "on Wednesday 9 December
    at 21:13 CST", in the time zone the site shows times in."""
    local, today = timezone.localtime(moment), timezone.localtime(now).date()
    clock = f"{local:%H:%M} {local:%Z}"
    if local.date() == today:
        return _("at %(time)s today") % {"time": clock}
    if local.date() == today + timedelta(days=1):
        return _("at %(time)s tomorrow") % {"time": clock}
    # Translators: a date format (Django's `date` filter), "Wednesday 9 December".
    day = date_format(local, _("l j F"))
    return _("on %(day)s at %(time)s") % {"day": day, "time": clock}


def wait_in_words(moment: datetime, now: datetime) -> str:
    """ "in about 30 minutes", "in about 2 hours", "in about 3 days"."""
    minutes = max(1, -(-int((moment - now).total_seconds()) // 60))  # rounded up
    if minutes >= 2 * 24 * 60:
        count = round(minutes / (24 * 60))
        return ngettext("in about %(count)s day", "in about %(count)s days", count) % {
            "count": count
        }
    if minutes >= 2 * 60:
        count = round(minutes / 60)
        return ngettext("in about %(count)s hour", "in about %(count)s hours", count) % {
            "count": count
        }
    return ngettext("in about %(count)s minute", "in about %(count)s minutes", minutes) % {
        "count": minutes
    }
