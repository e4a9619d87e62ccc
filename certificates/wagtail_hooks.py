from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from programs.requirements_preview import REQUIREMENTS_PREVIEW_HOOK

from . import admin_views
from .requirements_preview import requirements_change_preview
from .viewsets import CertificationViewSetGroup


@hooks.register("register_admin_viewset")
def register_certification_viewsets():
    return CertificationViewSetGroup()


# The program editor asks, before saving new requirements, who they would
# make eligible or not (programs/requirements_preview.py).
hooks.register(REQUIREMENTS_PREVIEW_HOOK, requirements_change_preview)


@hooks.register("register_admin_urls")
def register_certification_urls():
    return [
        path("certification/queue/", admin_views.queue, name="certificates_admin_queue"),
        path(
            "certification/enrollments/<int:enrollment_id>/",
            admin_views.review,
            name="certificates_admin_review",
        ),
        path(
            "certification/certificates/<int:certificate_id>/revoke/",
            admin_views.revoke,
            name="certificates_admin_revoke",
        ),
        path(
            "certification/certificates/<int:certificate_id>/suspend/",
            admin_views.suspend,
            name="certificates_admin_suspend",
        ),
        path(
            "certification/certificates/<int:certificate_id>/reinstate/",
            admin_views.reinstate,
            name="certificates_admin_reinstate",
        ),
        path(
            "certification/certificates/<int:certificate_id>/reopen/",
            admin_views.reopen,
            name="certificates_admin_reopen",
        ),
    ]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.ISSUE)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        _("Verification queue"),
        reverse("certificates_admin_queue"),
        icon_name="tick-inverse",
        order=390,
    )
