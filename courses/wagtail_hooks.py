"""Mounts the courses layer's views into Wagtail."""

from wagtail import hooks

from . import views

# Documents open only for the people who may study the course that uses them
# (and staff), or for everyone in the "Public documents" collection.
hooks.register("before_serve_document", views.document_refusal)


# Serving the catalogue, a course or a lesson: the views in courses/views.py
# read what the person may see and has done and hand it to the page models.
# Registered last (a high order) so it is the innermost step of Wagtail's
# serving chain: its own steps, such as the page's view restrictions, come first.
@hooks.register("on_serve_page", order=1000)
def serve_course_pages(serve_next):
    def serve(page, request, args, kwargs):
        view = views.PAGE_VIEWS.get(type(page))
        if view is None:
            return serve_next(page, request, args, kwargs)
        return view(page, request, args, kwargs)

    return serve
