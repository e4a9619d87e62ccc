"""Writes about the person themselves (the account), shared by every app."""

from __future__ import annotations

import copy
import json
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .languages import is_offered


def person_language_choose(*, person, language: str) -> None:
    """Keep the person's language (one of settings.LANGUAGES) in their profile."""
    if not is_offered(language):
        raise ValidationError(_("That language isn't available."), code="language")
    if person.language != language:
        person.language = language
        person.save(update_fields=["language"])


# --- Page translations (wagtail-localize) ---------------------------------------

_ID_LIKE = re.compile(r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|None)$")


def _segment_shape(path: str) -> str:
    """A segment's path with its block and item ids left out: the place a
    string has in the page's structure."""
    return ".".join("*" if _ID_LIKE.match(part) else part for part in path.split("."))


def _segments_of(page, kind) -> list:
    from wagtail_localize.segments.extract import extract_segments

    segments = [s for s in extract_segments(page) if isinstance(s, kind)]
    return sorted(segments, key=lambda segment: segment.order)


def _strings_of(page) -> list:
    from wagtail_localize.segments import StringSegmentValue

    return _segments_of(page, StringSegmentValue)


def _overridables_of(page) -> list:
    """Images and documents a translation may swap (captions in its language)."""
    from wagtail_localize.segments import OverridableSegmentValue

    return _segments_of(page, OverridableSegmentValue)


@transaction.atomic
def page_translation_import(*, page, language: str, words: dict, user=None):
    """Translate `page` into `language` the way a trainer does it in the admin
    (a wagtail-localize Translation, each string translated) and publish it.

    `words`: the page's translatable fields (title, a StreamField's raw
    blocks, rich text…) written in `language` with exactly the English
    structure: the same blocks in the same order, the same paragraphs and list
    items. Each English string gets the string at the same place. A different
    structure is refused (ValueError) and nothing is kept. The page's parent
    must be translated first (wagtail-localize puts the translation under it).
    Returns the translated page."""
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    locale, _created = Locale.objects.get_or_create(language_code=language)
    page = page.specific
    written = copy.copy(page)
    for field, value in words.items():
        if isinstance(value, list):
            # A StreamField's raw blocks, given ids as saving would (segments are
            # found by block and list item id; which ids doesn't matter, as only
            # the strings' places are compared), and checked as the admin would.
            stream_block = page._meta.get_field(field).stream_block
            cleaned = stream_block.clean(stream_block.to_python(value))
            value = stream_block.to_python(stream_block.get_prep_value(cleaned))
        setattr(written, field, value)
    english, translated = _strings_of(page), _strings_of(written)
    english_shapes = [_segment_shape(s.path) for s in english]
    translated_shapes = [_segment_shape(s.path) for s in translated]
    if english_shapes != translated_shapes:
        raise ValueError(
            f"{page.title!r}: the {language} words don't have the English page's structure: "
            f"{_first_difference(english_shapes, translated_shapes)}"
        )
    by_source = {
        (source.path, source.string.data): target.string.data
        for source, target in zip(english, translated, strict=True)
    }
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    catalogue = translation.export_po()
    for entry in catalogue:
        entry.msgstr = by_source.get((entry.msgctxt, entry.msgid), entry.msgstr)
    translation.import_po(catalogue, user=user)
    _import_overrides(page, written, source, locale, user)
    # Saved as a draft, then published here: wagtail-localize would publish
    # only once the outermost transaction commits, and the caller may be
    # inside one (setup_site, seed_demo) that reads the page back.
    translation.save_target(user=user, publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish(user=user, skip_permission_checks=True)
    translated.refresh_from_db()
    return translated


def _import_overrides(page, written, source, locale, user) -> None:
    """Where `words` name another image or document than the English at the
    same place (a captions file in the language), the translation overrides it,
    as a trainer's "Change" on that field in wagtail-localize's editor does."""
    from wagtail_localize.models import SegmentOverride, TranslationContext

    by_shape: dict[str, tuple[list, list]] = {}
    for index, segments in enumerate((_overridables_of(page), _overridables_of(written))):
        for segment in segments:
            by_shape.setdefault(_segment_shape(segment.path), ([], []))[index].append(segment)
    pairs = [
        pair
        for english, translated in by_shape.values()
        # A field left empty in `words` (a quiz question's lesson, say) keeps the English.
        if len(english) == len(translated)
        for pair in zip(english, translated, strict=True)
    ]
    for original, replacement in pairs:
        if original.data == replacement.data:
            continue
        context = TranslationContext.objects.get(object_id=source.object_id, path=original.path)
        SegmentOverride.objects.update_or_create(
            locale=locale,
            context=context,
            defaults={"data_json": json.dumps(replacement.data), "last_translated_by": user},
        )


def _first_difference(english: list[str], translated: list[str]) -> str:
    for index, (left, right) in enumerate(zip(english, translated, strict=False)):
        if left != right:
            return f"string {index + 1} is {right!r} where the English has {left!r}"
    return f"{len(translated)} strings where the English has {len(english)}"
