"""Limits and fixed names that the models, the forms, the services and the
site setup of courses share.

A module of its own so that the form (imported by the lesson blocks, which the
models import) needn't import the models, and the selectors needn't import the
site setup (which imports the content review's task, courses/review.py, and so
the services): no import circle."""

# The longest answer to a reflection prompt, in characters.
REFLECTION_MAX_LENGTH = 5000

# The one collection whose documents are open to everyone (made by setup_site).
PUBLIC_DOCUMENTS_COLLECTION = "Public documents"
