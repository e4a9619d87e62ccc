from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("language/", views.choose_language, name="choose_language"),
    # Wagtail's own login would accept a password without asking for TOTP:
    # send every admin sign-in through allauth instead.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/login/", views.LoginView.as_view(), name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("programs/", include("programs.urls")),
    path("programs/", include("practice.urls")),
    path("learning/", include("courses.urls")),
    path("quizzes/", include("assessments.urls")),
    path("continuing-education/", include("renewals.urls")),
    path("", include("certificates.urls")),
    # Before Wagtail's own: the same URL (its name still builds the links), with byte ranges.
    path(
        "documents/<int:document_id>/<str:document_filename>",
        views.document_serve,
        name="document_serve",
    ),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's own pattern and name, served by training.views.serve_page;
    # Wagtail's `_util/` views (before its serve pattern) still answer.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", views.serve_page, name="wagtail_serve"),
    path("", include(wagtail_urls)),
]
