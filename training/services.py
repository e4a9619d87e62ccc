"""Writes about the person themselves (the account), shared by every app."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .languages import is_offered


def person_language_choose(*, person, language: str) -> None:
    """Keep the person's language (one of settings.LANGUAGES) in their profile."""
    if not is_offered(language):
        raise ValidationError(_("That language isn't available."), code="language")
    if person.language != language:
        person.language = language
        person.save(update_fields=["language"])
