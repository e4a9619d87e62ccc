from django.apps import AppConfig

from training.content_cache import watch


class CoursesConfig(AppConfig):
    name = "courses"

    def ready(self):
        # Deferred: Django loads apps.py before any models module (the app registry).
        from .models import CourseDomainCredit, ProgramCourse

        # Kept with the content: a program's required courses, courses' credits.
        watch(ProgramCourse, CourseDomainCredit)

        # Deferred, for the same reason: the content review's approval task, a
        # model that calls the services, so courses/models.py cannot import it
        # (courses/review.py). Imported here, Django knows it before any request.
        from . import review  # noqa: F401
