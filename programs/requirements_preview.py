"""Before a program's new requirements are saved, what they would do to its
learners.

Eligibility for the certificate is decided in `certificates` (a layer above
this one), so the program editor cannot ask it directly. It asks through the
Wagtail hook REQUIREMENTS_PREVIEW_HOOK instead: `certificates` registers the
function that answers (certificates/requirements_preview.py), and the shape of
the answer is defined here, where it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

REQUIREMENTS_PREVIEW_HOOK = "program_requirements_change_preview"

# Names listed under each count; the counts themselves are exact.
NAMES_SHOWN = 20


@dataclass(frozen=True)
class RequirementsChangePreview:
    enrolled: int  # active enrollments
    certified: int  # of those, holding a live certificate: not affected
    becoming_eligible: tuple[str, ...]  # learners' names, sorted
    no_longer_eligible: tuple[str, ...]
    staying_eligible: int
    staying_not_eligible: int

    @property
    def changes_anyone(self) -> bool:
        return bool(self.becoming_eligible or self.no_longer_eligible)

    @property
    def becoming_eligible_shown(self) -> tuple[str, ...]:
        return self.becoming_eligible[:NAMES_SHOWN]

    @property
    def no_longer_eligible_shown(self) -> tuple[str, ...]:
        return self.no_longer_eligible[:NAMES_SHOWN]

    @property
    def becoming_eligible_more(self) -> int:
        return max(0, len(self.becoming_eligible) - NAMES_SHOWN)

    @property
    def no_longer_eligible_more(self) -> int:
        return max(0, len(self.no_longer_eligible) - NAMES_SHOWN)


def requirements_change_preview(
    *, program, apply_change: Callable[[], object]
) -> RequirementsChangePreview | None:
    """The preview from whichever app answers the hook; None if none does."""
    for answer in hooks.get_hooks(REQUIREMENTS_PREVIEW_HOOK):
        return answer(program=program, apply_change=apply_change)
    return None
