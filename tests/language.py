"""The words the demo content never uses, checked by the courses' and the
quizzes' demo tests (tests/courses/test_demo.py, tests/assessments/test_demo.py)."""

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


def stigmatising_words(text: str) -> list[str]:
    """Each use of a word in NEVER_USED, as written in `text`."""
    return [
        match.group(0)
        for pattern in NEVER_USED
        for match in re.finditer(pattern, text, flags=re.IGNORECASE)
    ]
