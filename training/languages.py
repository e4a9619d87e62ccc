"""The interface languages offered (settings.LANGUAGES, docs/translating.md)."""

from django.conf import settings


def is_offered(code: str) -> bool:
    """Whether `code` is one of the languages this site offers now."""
    return any(code == offered for offered, _name in settings.LANGUAGES)
