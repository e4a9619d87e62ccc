"""The words the demo content never uses, checked by the courses' and the
quizzes' demo tests (tests/courses/test_demo.py, tests/assessments/test_demo.py,
and for the Spanish demo tests/courses/test_demo_es.py)."""

import re

# Words that attach moral worth to a person or a test result. "clean" is
# matched at the start of a word, so "cleaning" is refused too: simpler to
# never use the word than to judge each use.
NEVER_USED = [
    r"\baddict",
    r"\bclean",
    r"\bdirty\b",
    r"\bjunkie",
    r"\babuser",
    r"\bsubstance abuse\b",
    r"\bdrug abuse\b",
]

# The Spanish counterparts (docs/translating.md, "Spanish: our words"), on the
# same policy: a word that is a label in most uses is never used, harmless
# uses included ("limpio" in "un espacio limpio", "limpiar", "limpieza", as
# English refuses "cleaning"; the verb "recaer" in any form, as in "la
# decisión recae en ti"). Where the harmless use is common and clearly another
# word, it is let through: "adicional", "abuso" of a child, "círculo vicioso",
# "bebidas alcohólicas", "Alcohólicos Anónimos" (a fellowship's name), and
# "recaída" as the name of a process (as English lets "relapse" through); the
# person is never "recaído" or "recaída".
NEVER_USED_ES = [
    r"\badict",  # adicto, adicta, adictivo; not "adicional"
    r"\badicci[oó]n",  # as "addict" catches "addiction"
    r"\bdrogadic",  # drogadicto, drogadicta, drogadicción
    r"\bdrogodependiente",
    r"\btoxic[oó]man",  # toxicómano, toxicómana, toxicomanía
    r"\byon[qk]u?i",  # yonqui, yonki
    r"\bdrogata",
    r"\btecat[oa]s?\b",
    r"\babusador",
    r"\babuso de (?:sustancias|drogas|alcohol)\b",
    r"\blimpi",  # limpio, limpia, limpiar, limpieza
    r"\bsuci[oa]s?\b",  # as "dirty\b": "suciedad" is not a label
    # Every form of "recaer" (recae, recaer, recaiga, recaía, recaído, recayó,
    # recayendo...), but not the noun "recaída".
    r"\breca(?:e\w*|ig\w*|[ií]a[ns]?|[ií]dos?|y\w*)\b",
    r"\b(?:est[aá]n?|estaba|estaban|es|era|son|eran|personas?|mujer(?:es)?)\s+reca[ií]das?\b",
    r"(?<!c[ií]rculo )\bvicios[oa]s?\b",
    r"(?<!bebida )(?<!bebidas )\balcoh[oó]lic[oa]s?\b(?!\s+an[oó]nimos)",
]

PATTERNS = {"en": NEVER_USED, "es": NEVER_USED_ES}


def stigmatising_words(text: str, language: str = "en") -> list[str]:
    """Each use of a word in the language's list (NEVER_USED for "en"), as written in `text`."""
    return [
        match.group(0)
        for pattern in PATTERNS[language]
        for match in re.finditer(pattern, text, flags=re.IGNORECASE)
    ]
