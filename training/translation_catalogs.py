"""A fix for how Django 5.2 merges a language's message catalogs.

Django builds one translation per language from every installed app's .mo file
and keeps them in a TranslationCatalog: a list of dictionaries, one per plural
rule, looked up in order. Its `update` means to merge a catalog into the top
dictionary when their plural rules are the same, but compares the new rule's
code with the top rule itself (a function), which is never equal. So every
app's catalog stays a dictionary of its own: 20 for English here, 22 for
Spanish, and a message found in none of them (every English message: English
catalogs are empty) is looked for in all 20, about 5 µs a `{% translate %}`.
A dashboard asks for over 100 messages.

The fix compares code with code, as Django meant to (5 dictionaries for English,
7 for Spanish: rules alternate between apps). Merging into the top
dictionary keeps every lookup's answer: the catalog merged in is the newer one,
which won before as well (tests/training/test_translation_catalogs.py checks
every message of both languages against Django's own merge). Django 5.2.20,
the newest 5.2, has the same line."""

from django.utils.translation import trans_real

DJANGO_UPDATE = trans_real.TranslationCatalog.update


def update(self, trans):
    if trans.plural.__code__ == self._plurals[0].__code__:
        self._catalogs[0].update(trans._catalog)
    else:
        self._catalogs.insert(0, trans._catalog.copy())
        self._plurals.insert(0, trans.plural)


def install() -> None:
    """From TrainingConfig.ready. Apps readied before training may already have
    built the default language's translation; it is dropped, to be built again
    (merged) when next asked for."""
    trans_real.TranslationCatalog.update = update
    trans_real._translations.clear()
    trans_real._default = None
