"""Limits that the models, the forms and the services of courses share.

A module of its own so that the form (imported by the lesson blocks, which the
models import) needn't import the models: no import circle."""

# The longest answer to a reflection prompt, in characters.
REFLECTION_MAX_LENGTH = 5000
