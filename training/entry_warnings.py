"""Keep libraries' deprecation notices out of what an operator sees.

A release of a library we do not control (cryptography 51 warning about DSA
when pyHanko imports it, say) must not turn a start-up error that is one clear
line into three. Every entry point (manage.py, so the task worker too, and
training/wsgi.py, which gunicorn loads) calls `quiet_library_deprecations()`
before anything else is imported.

Deprecation notices are for the developers, who see them in the tests: there,
warnings raised by Peerpath's own code are errors (pyproject.toml's
filterwarnings). Other warnings still show, and an operator who asks with
`python -W ...` or PYTHONWARNINGS sees everything.

Standard library only: this runs before Django is imported.
"""

import logging
import re
import sys
import warnings


def is_deprecation(category: type[Warning]) -> bool:
    """Python's own deprecation classes, and libraries' own that derive from
    another class (cryptography's CryptographyDeprecationWarning is a
    UserWarning) but say what they are in their name."""
    return issubclass(category, DeprecationWarning | PendingDeprecationWarning) or any(
        "Deprecat" in klass.__name__ for klass in category.__mro__
    )


def quiet_library_deprecations() -> None:
    if sys.warnoptions:
        return
    show = warnings.showwarning

    def show_unless_deprecation(message, category, filename, lineno, file=None, line=None):
        if not is_deprecation(category):
            show(message, category, filename, lineno, file, line)

    warnings.showwarning = show_unless_deprecation


# Django routes warnings into logging once it is set up (logging.captureWarnings),
# past the wrapper above: there they reach the "py.warnings" logger as
# "file:line: Category: message" and this filter drops the deprecations.
DEPRECATION_RECORD = re.compile(r":\d+: \w*Deprecat\w*: ")


class DropDeprecationRecords(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return sys.warnoptions != [] or not DEPRECATION_RECORD.search(record.getMessage())
