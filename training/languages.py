"""The interface languages offered (settings.LANGUAGES, docs/translating.md)."""

from functools import partial

from django.conf import settings
from django.utils import translation


def base_language(language: str | None = None) -> str:
    """The language part of `language` (the active language by default):
    "es-mx" -> "es". Data fields and page translations are per base language."""
    return (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def is_offered(code: str) -> bool:
    """Whether `code` is one of the languages this site offers now."""
    return any(code == offered for offered, _name in settings.LANGUAGES)


# Data edited in the admin (program and credential titles, domain and activity
# type names, the code of ethics) keeps its other languages in fields of its own
# beside the English one: `title` and `title_es`. Not snippet translation: every
# enrollment, hours entry and certificate points at one row, and a field beside
# it costs no query and no second identity (docs/translating.md).
def in_language(instance, field: str, language: str | None = None) -> str:
    """`instance.<field>` in `language` (the active one by default) where it has
    been written, otherwise the English. Only the language part before a "-"
    names the field: "es-mx" reads `<field>_es`. `instance` may be a dict of
    values read with `.values()` ({"title": …, "title_es": …})."""
    language = base_language(language)
    read = instance.get if isinstance(instance, dict) else partial(getattr, instance)
    if language != "en":
        translated = read(f"{field}_{language}", "")
        if translated:
            return translated
    return read(field)


def is_fallback(instance, field: str, language: str | None = None) -> bool:
    """Whether `in_language` gives the English for want of a translation, so a
    template can mark it `lang="en"`."""
    language = base_language(language)
    read = instance.get if isinstance(instance, dict) else partial(getattr, instance)
    return language != "en" and not read(f"{field}_{language}", "")


def language_of(person) -> str:
    """The language Peerpath writes to `person` in when no page of theirs is
    asking (emails, a certificate at issue): their profile's language if the
    site offers it, otherwise LANGUAGE_CODE."""
    chosen = getattr(person, "language", "") or ""
    return chosen if is_offered(chosen) else settings.LANGUAGE_CODE
