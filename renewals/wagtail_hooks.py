from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .viewsets import RenewalsViewSetGroup


@hooks.register("register_admin_viewset")
def register_renewals_viewsets():
    return RenewalsViewSetGroup()


@hooks.register("register_admin_urls")
def register_renewal_queue_urls():
    return [
        path("renewals/queue/", admin_views.queue, name="renewals_admin_queue"),
        path("renewals/queue/<int:renewal_id>/", admin_views.review, name="renewals_admin_review"),
    ]


class RenewalQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.DECIDE)


@hooks.register("register_admin_menu_item")
def register_renewal_queue_menu_item():
    return RenewalQueueMenuItem(
        _("Renewal queue"), reverse("renewals_admin_queue"), icon_name="date", order=395
    )
