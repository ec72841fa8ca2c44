from django.urls import path

from articles.feeds import SectionAtomFeed, SectionFeed
from newsdesk.http import public_page

from . import views

app_name = "sections"

urlpatterns = [
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="detail"),
    path("sections/<slug:slug>/feed/", public_page(SectionFeed()), name="feed"),
    path("sections/<slug:slug>/feed/atom/", public_page(SectionAtomFeed()), name="atom_feed"),
]
