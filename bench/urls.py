from django.http import HttpResponse
from django.urls import path

from training.urls import urlpatterns as site_urlpatterns


def bare(request):
    """The floor: Django and the middleware, no database work in the view."""
    return HttpResponse("ok")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
