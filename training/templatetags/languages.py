from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html

from training import languages

register = template.Library()


@register.simple_tag
def interface_languages() -> list[tuple[str, str]]:
    """(code, name) for each language of the interface, each named in its own
    language as settings.LANGUAGES writes it ("Español" whatever the page's
    language: Django's own tag would translate it, "Spanish" or "Inglés")."""
    return list(settings.LANGUAGES)


@register.simple_tag
def in_language(instance, field: str, text: bool = False) -> str:
    """`instance.<field>` in the page's language (training.languages.in_language),
    escaped. Where no translation is written the English stands in, inside
    <span lang="en"> on a page in another language, so screen readers say it in
    English and axe finds the page's language right. `text=True` gives the bare
    text for places that take no markup (<title>, <option>, a plain-text email).

        {% in_language program "title" %}
        {% in_language program "title" as title %}
        {% blocktranslate with program=title %}…
    """
    if instance is None:
        return ""
    value = languages.in_language(instance, field)
    if text:
        return value
    if value and languages.is_fallback(instance, field):
        return format_html('<span lang="en">{}</span>', value)
    return conditional_escape(value)


@register.filter
def marked_for(claim, page_language: str):
    """A claim (certificates.selectors.Claim: text and the language it is in)
    inside a sentence of the page: escaped, and in <span lang> where its words
    are not in the page's language, so screen readers say them right.

        {% blocktranslate with category=row.category|marked_for:page_language %}…
    """
    lang = getattr(claim, "lang", "")
    if lang and lang != page_language:
        return format_html('<span lang="{}">{}</span>', lang, str(claim))
    return conditional_escape(str(claim))
