"""Course and lesson titles in the reader's language (training/page_translations.py)."""

from django import template
from django.utils.html import format_html

from training.page_translations import other_language, title_in_reader_language

register = template.Library()


@register.simple_tag
def page_title(page):
    """The title of a course, lesson or quiz page as the reader reads it; the
    English, marked `lang="en"`, where it has no translation in the page's
    language (so a screen reader pronounces it right)."""
    title, language = title_in_reader_language(page)
    if other_language(language):
        return format_html('<span lang="{}">{}</span>', language, title)
    return title
