from wagtail import hooks

from .viewsets import RenewalsViewSetGroup


@hooks.register("register_admin_viewset")
def register_renewals_viewsets():
    return RenewalsViewSetGroup()
