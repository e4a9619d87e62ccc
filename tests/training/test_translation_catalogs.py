"""Django keeps a language's catalogs that follow one another with the same
plural rule in one dictionary (training/translation_catalogs.py)."""

import pytest
from django.utils.translation import trans_real

from training.translation_catalogs import DJANGO_UPDATE


def built(language, update):
    """A fresh translation of `language`, its catalogs merged by `update`."""
    kept = trans_real.TranslationCatalog.update
    trans_real.TranslationCatalog.update = update
    try:
        return trans_real.DjangoTranslation(language)
    finally:
        trans_real.TranslationCatalog.update = kept


@pytest.mark.parametrize("language", ["en", "es"])
def test_catalogs_with_the_same_plural_rule_are_one_dictionary(language):
    ours = trans_real.DjangoTranslation(language)._catalog
    django_5_2 = built(language, DJANGO_UPDATE)._catalog
    # Django 5.2 compares a plural rule's code with a function, so it never
    # merges: every app's .mo is a dictionary of its own (20 for English on
    # this project), and a message found in none is looked for in each.
    assert len(django_5_2._catalogs) > 10
    assert len(ours._catalogs) < len(django_5_2._catalogs) / 2
    for rule, next_rule in zip(ours._plurals, ours._plurals[1:], strict=False):
        assert rule.__code__ != next_rule.__code__
    # and the translation requests use was built that way too, even the
    # default language's, which apps readied before training may have asked for
    in_use = trans_real.translation(language)._catalog
    assert len(in_use._catalogs) == len(ours._catalogs)


@pytest.mark.parametrize("language", ["en", "es"])
def test_merging_changes_no_translation(language):
    ours = trans_real.DjangoTranslation(language)._catalog
    django_5_2 = built(language, DJANGO_UPDATE)._catalog
    keys = set(django_5_2.keys())
    assert keys == set(ours.keys())
    assert {key: ours.get(key) for key in keys} == {key: django_5_2.get(key) for key in keys}
    plural_ids = {key[0] for key in keys if isinstance(key, tuple)}
    for msgid in plural_ids:
        for n in (0, 1, 2, 5, 1_000_000):
            assert ours.plural(msgid, n) == django_5_2.plural(msgid, n)
