"""The holders' continuing education log: /continuing-education/…"""

from django.urls import path, re_path

from . import views

app_name = "renewals"
urlpatterns = [
    path("", views.ce_log, name="log"),
    re_path(r"^(?P<code>[^/]{1,40})/new/$", views.ce_add, name="add"),
    re_path(r"^(?P<code>[^/]{1,40})/renew/$", views.renewal_ask, name="renew"),
    path("entries/<uuid:public_id>/edit/", views.ce_edit, name="edit"),
    path("entries/<uuid:public_id>/delete/", views.ce_delete, name="delete"),
    path("entries/<uuid:public_id>/proof/", views.ce_proof, name="proof"),
]
