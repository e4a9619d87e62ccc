from django.urls import path, re_path

from . import views

app_name = "certificates"
urlpatterns = [
    # The credential issuer's did:web document (certificates/credential_keys.py).
    path(".well-known/did.json", views.did_document, name="did_document"),
    path("verify/", views.verify_form, name="verify_form"),
    # Codes are short; anything longer than 40 characters is not routed here.
    re_path(r"^verify/(?P<code>[^/]{1,40})\.json$", views.verify_json, name="verify_json"),
    re_path(r"^verify/(?P<code>[^/]{1,40})/$", views.verify, name="verify"),
    # The Open Badges 3.0 credential and the status lists (certificates/credentials.py).
    re_path(r"^verify/(?P<code>[^/]{1,40})/credential\.json$", views.credential, name="credential"),
    re_path(
        r"^verify/(?P<code>[^/]{1,40})/credential\.jwt$",
        views.credential,
        {"as_jwt": True},
        name="credential_jwt",
    ),
    path("credentials/status/<str:purpose>/", views.status_list, name="status_list"),
    path("certificates/", views.mine, name="mine"),
    path("certificates/ethics/<slug:program_slug>/", views.ethics, name="ethics"),
    re_path(r"^certificates/(?P<code>[^/]{1,40})/pdf/$", views.download, name="download"),
    re_path(
        r"^certificates/(?P<code>[^/]{1,40})/name-change/$",
        views.name_change,
        name="name_change",
    ),
]
