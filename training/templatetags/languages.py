from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def interface_languages() -> list[tuple[str, str]]:
    """(code, name) for each language of the interface, each named in its own
    language as settings.LANGUAGES writes it ("Español" whatever the page's
    language: Django's own tag would translate it, "Spanish" or "Inglés")."""
    return list(settings.LANGUAGES)
