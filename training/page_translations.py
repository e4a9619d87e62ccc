"""Course content in the reader's language (issue 21, docs/translating.md).

A course is one course in every language. Its pages in the default language
(English) are the course: URLs, progress, completions, quiz attempts, credit
and certificates all point at them. Trainers translate them with
wagtail-localize, which makes a page per language in that language's tree,
sharing the English page's `translation_key` (and its block ids, so a
reflection prompt or a quiz question is the same in both).

A reader is always served the English page (training.views.serve_page routes
in the default tree); `localized` then lays the content fields of the live
translation in the reader's language over a copy of it. Where there is no
translation the English is shown, marked `lang="en"` with a note
(`content_language`). Everything here is kept with the published content
(training/content_cache.py), so a page in Spanish costs the queries it costs in
English once the content is kept.
"""

from __future__ import annotations

import copy
import functools

from django.conf import settings
from wagtail.models import Locale, Page

from training.content_cache import remember
from training.languages import base_language


def reader_language() -> str:
    """The content language of the page being served: the active interface
    language where content can be in it, else the default."""
    language = base_language()
    offered = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    return language if language in offered else settings.LANGUAGE_CODE


def _locale_ids() -> dict[str, int]:
    return remember(
        ("locale-ids",), lambda: dict(Locale.objects.values_list("language_code", "pk"))
    )


def _default_locale_id() -> int | None:
    return _locale_ids().get(settings.LANGUAGE_CODE)


@functools.cache
def _content_fields(model) -> list[str]:
    """The fields a translation has words of its own in (the slug stays the
    English page's: URLs never change)."""
    # Deferred: wagtail_localize's models load after this app's.
    from wagtail_localize.fields import TranslatableField, get_translatable_fields

    return [
        field.field_name
        for field in get_translatable_fields(model)
        if isinstance(field, TranslatableField) and field.field_name != "slug"
    ]


def translation_of(page: Page, language: str) -> Page | None:
    """The live translation of `page` in `language`, or None."""
    locale_id = _locale_ids().get(language)
    if locale_id is None or locale_id == page.locale_id:
        return None
    model = type(page)
    return remember(
        ("translation", page.translation_key, locale_id, model._meta.label_lower),
        lambda: model.objects.filter(
            translation_key=page.translation_key, locale_id=locale_id, live=True
        ).first(),
    )


def localized(page: Page) -> Page:
    """`page` with the words of its translation in the reader's language.
    `page` itself is kept content shared by every request, so the words go on
    a copy; the copy keeps the English page's identity (pk, path, URL), which
    is what progress is recorded against. The copy's `content_lang` is the
    words' language where it is not the reader's (English for want of a
    translation), for a `lang` attribute; see `content_lang`."""
    language = reader_language()
    if language == settings.LANGUAGE_CODE:
        # Readers are served default-language pages (training.views.serve_page).
        return page
    page_language = _language_of_locale(page.locale_id)
    if language == page_language:
        return page
    found = translation_of(page, language)
    shown = copy.copy(page)
    if found is not None:
        for name in _content_fields(type(page)):
            setattr(shown, name, getattr(found, name))
    shown.content_lang = other_language(language if found is not None else page_language)
    return shown


def content_lang(page: Page) -> str:
    """The `lang` a template puts around `page`'s words: "" when they are in
    the reader's language (every page `localized` did not have to copy)."""
    return getattr(page, "content_lang", "")


def other_language(language: str) -> str:
    """`language` if it is not the page's (the active) language, else "": what
    a template puts in a `lang` attribute around content shown in another
    language."""
    return "" if base_language(language) == base_language() else language


def _language_of_locale(locale_id: int) -> str:
    for code, pk in _locale_ids().items():
        if pk == locale_id:
            return code
    return settings.LANGUAGE_CODE


def source_page(page: Page) -> Page:
    """The default-language page of `page` (itself when it is one): what a
    learner's action on a translated page is recorded against."""
    default_id = _default_locale_id()
    if default_id is None or page.locale_id == default_id:
        return page
    model = type(page)
    return (
        model.objects.filter(translation_key=page.translation_key, locale_id=default_id).first()
        or page
    )


def titles_in(language: str) -> dict:
    """{translation_key: title} of every live page in `language`'s tree: one
    query per content version, for lists of courses and lessons."""
    locale_id = _locale_ids().get(language)
    if locale_id is None:
        return {}
    return remember(
        ("titles", locale_id),
        lambda: dict(
            Page.objects.filter(locale_id=locale_id, live=True).values_list(
                "translation_key", "title"
            )
        ),
    )


def title_in_reader_language(page) -> tuple[str, str]:
    """A course's or lesson's title as the reader reads it, and its language."""
    language = reader_language()
    if language == settings.LANGUAGE_CODE:
        return page.title, language
    if page.locale_id != _default_locale_id():
        return page.title, _language_of_locale(page.locale_id)
    title = titles_in(language).get(page.translation_key)
    if title:
        return title, language
    return page.title, settings.LANGUAGE_CODE
