from django.urls import path

from articles.feeds import SectionFeed

from . import views

app_name = "sections"

urlpatterns = [
    path("sections/<slug:slug>/", views.SectionView.as_view(), name="detail"),
    path("sections/<slug:slug>/feed/", SectionFeed(), name="feed"),
]
