"""A URLconf for tests/training/test_csp_built_once.py: the site's URLs plus
views that set their own policy or ask for a nonce."""

from csp.decorators import csp_update
from django.http import HttpResponse
from django.template import Context, Template
from django.urls import path

from training.urls import urlpatterns as site_urlpatterns


@csp_update({"img-src": ["https://images.example.org"]})
def own_policy(request):
    return HttpResponse("own policy")


def with_nonce(request):
    return HttpResponse(Template("{{ request.csp_nonce }}").render(Context({"request": request})))


def plain(request):
    return HttpResponse("plain")


urlpatterns = [
    path("csp-test/own-policy/", own_policy),
    path("csp-test/nonce/", with_nonce),
    path("csp-test/plain/", plain),
    *site_urlpatterns,
]
