"""What a change to a program's requirements would do to its learners, before
it is saved.

A coordinator who edits a program's required courses, hours or limits changes
what every enrolled learner must do. `requirements_change_preview` answers, for
the change in hand, who would become eligible for the certificate and who would
stop being eligible. It asks the one rule there is (`eligibility.check_many`)
twice: once as things are, once with the change applied inside a savepoint that
is always rolled back. So the preview cannot drift from the rule, and nothing
of the change survives it. Both runs take a fixed number of queries however
many learners are enrolled (check_many's promise), so the preview does too.

Only active enrollments without a live certificate can be eligible; issued
certificates never change, so their holders are counted apart.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from contextlib import contextmanager

from django.db import transaction

from programs.models import Enrollment, Program
from programs.requirements_preview import RequirementsChangePreview

from .eligibility import check_many
from .models import Certificate


class _Rollback(Exception):
    """Leaves the savepoint, undoing the change that was applied for the preview."""


def _eligible_by_learner(program_id: int, progress: dict) -> dict[int, tuple[str, bool]]:
    """Enrollment id → (learner's name, eligible) for the program's active
    enrollments without a live certificate, as the database says now.
    `progress` (learner id → course id → CourseProgress) is filled on the first
    call and reused on the second: a change of requirements changes no one's
    lessons, so only a newly required course is read again."""
    enrollments = list(
        Enrollment.objects.filter(program_id=program_id, status=Enrollment.Status.ACTIVE)
        .exclude(pk__in=Certificate.objects.live().values("enrollment_id"))
        .select_related("learner", "program")
    )
    results = check_many(enrollments, progress=progress, just_loaded=True)
    return {pk: (str(result.enrollment.learner), result.eligible) for pk, result in results.items()}


@contextmanager
def _cyclic_gc_paused():
    """Both runs make a few hundred objects per learner (lesson states, hours
    lines), none of them in cycles. With 5,000 learners Python's cycle
    collector ran over them again and again: a third to a half of the time
    (bench/requirements_preview.py). Reference counting still frees them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def requirements_change_preview(
    *, program: Program, apply_change: Callable[[], object]
) -> RequirementsChangePreview:
    """Who becomes, and who stops being, eligible if `apply_change()` (which
    saves the program's new requirements) were kept. `apply_change` runs inside
    a savepoint that is rolled back: the database is left as it was."""
    progress: dict = {}
    with _cyclic_gc_paused():
        before = _eligible_by_learner(program.pk, progress)
        try:
            with transaction.atomic():
                apply_change()
                after = _eligible_by_learner(program.pk, progress)
                raise _Rollback
        except _Rollback:
            pass
    certified = Enrollment.objects.filter(
        program_id=program.pk,
        status=Enrollment.Status.ACTIVE,
        pk__in=Certificate.objects.live().values("enrollment_id"),
    ).count()
    becoming, leaving = [], []
    staying, staying_not = 0, 0
    for pk, (name, was) in before.items():
        now = after.get(pk, (name, False))[1]
        if now and not was:
            becoming.append(name)
        elif was and not now:
            leaving.append(name)
        elif now:
            staying += 1
        else:
            staying_not += 1
    return RequirementsChangePreview(
        enrolled=len(before) + certified,
        certified=certified,
        becoming_eligible=tuple(sorted(becoming, key=str.casefold)),
        no_longer_eligible=tuple(sorted(leaving, key=str.casefold)),
        staying_eligible=staying,
        staying_not_eligible=staying_not,
    )
