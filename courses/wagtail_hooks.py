"""Mounts the courses layer's checks into Wagtail."""

from wagtail import hooks

from . import views

# Documents open only for the people who may study the course that uses them
# (and staff), or for everyone in the "Public documents" collection.
hooks.register("before_serve_document", views.document_refusal)
