from django.urls import path
from wagtail import hooks

from . import views
from .viewsets import AccountClosureViewSet


@hooks.register("register_admin_viewset")
def register_account_closure_viewset():
    return AccountClosureViewSet("account_closures")


@hooks.register("register_admin_urls")
def register_account_closure_urls():
    return [
        path(
            "account-closures/<int:closure_id>/erase/",
            views.admin_confirm_erasure,
            name="dashboard_admin_confirm_erasure",
        )
    ]
