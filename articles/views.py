from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from images.models import GalleryItem
from newsdesk.http import private_page, public_page
from sections.models import Section

from .models import Article, Editor


@method_decorator(public_page, name="dispatch")
class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = list(Section.objects.navigation())
        per_section = settings.NEWSDESK["HOME_SECTION_COUNT"]
        # One query for every section's latest articles, however many sections the desk has.
        latest = (
            Article.objects.published()
            .for_listing()
            .filter(section__in=sections)
            .annotate(rank=Window(RowNumber(), partition_by=F("section_id"), order_by=[F("published_at").desc(), F("pk").desc()]))
            .filter(rank__lte=per_section)
            .order_by("-published_at", "-pk")
        )
        by_section = {}
        for article in latest:
            by_section.setdefault(article.section_id, []).append(article)
        context["headline"] = Article.objects.published().for_listing().first()
        context["section_blocks"] = [(section, by_section.get(section.pk, [])) for section in sections]
        return context


class ArticleListMixin:
    """Paginated lists of published articles as cards."""

    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.NEWSDESK["SECTION_PAGE_SIZE"]

    def published(self):
        return Article.objects.published().for_listing()


@method_decorator(public_page, name="dispatch")
class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def articles(self):
        return Article.objects.published()

    def get_queryset(self):
        return (
            self.articles()
            .select_related("section", "section__parent", "editor", "cover")
            .prefetch_related(
                "tags",
                "bylines__editor",
                "corrections",
                "cover__renditions",
                # The picture story with every image's renditions: a fixed number of queries for any gallery length.
                Prefetch("gallery_items", GalleryItem.objects.select_related("image").prefetch_related("image__renditions")),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_news"] = self.object.related_news()
        return context


@method_decorator([staff_member_required, private_page], name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Staff see any article, whatever its status, as readers will; never cached, never indexed."""

    def articles(self):
        return Article.objects.all()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"preview": True}


@method_decorator(public_page, name="dispatch")
class TagView(ArticleListMixin, ListView):
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return self.published().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"tag": self.tag}


@method_decorator(public_page, name="dispatch")
class EditorView(ArticleListMixin, ListView):
    template_name = "articles/editor_detail.html"

    def get_queryset(self):
        self.editor = get_object_or_404(Editor, pk=self.kwargs["pk"])
        return self.published().filter(Q(editor=self.editor) | Q(reporters=self.editor)).distinct()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"editor": self.editor}
