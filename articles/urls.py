from django.urls import path, register_converter

from newsdesk.http import public_page

from . import feeds, views


class TagSlugConverter:
    """Tag slugs are Unicode (台企); anything but a slash or a NUL, which PostgreSQL text cannot hold."""

    regex = "[^/\x00]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TagSlugConverter, "tag")

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("feed/", public_page(feeds.ArticleFeed()), name="feed"),
    path("feed/atom/", public_page(feeds.ArticleAtomFeed()), name="atom_feed"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="detail"),
    path("preview/articles/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("tags/<tag:slug>/", views.TagView.as_view(), name="tag"),
    path("tags/<tag:slug>/feed/", public_page(feeds.TagFeed()), name="tag_feed"),
    path("tags/<tag:slug>/feed/atom/", public_page(feeds.TagAtomFeed()), name="tag_atom_feed"),
    path("editors/<int:pk>/", views.EditorView.as_view(), name="editor"),
    path("editors/<int:pk>/feed/", public_page(feeds.EditorFeed()), name="editor_feed"),
    path("editors/<int:pk>/feed/atom/", public_page(feeds.EditorAtomFeed()), name="editor_atom_feed"),
]
