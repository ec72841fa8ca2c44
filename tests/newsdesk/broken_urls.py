"""The site's URLs plus one view that fails, to see what a reader gets from a server error."""

from django.urls import path

from newsdesk.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("simulated failure")


urlpatterns = [path("broken/", broken), *site_urlpatterns]
