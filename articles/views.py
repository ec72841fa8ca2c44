from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from images.models import GalleryItem
from newsdesk.http import ConditionalMixin, private_page, public_page
from sections.models import Section

from .metadata import article_json_ld, collection_json_ld, og_locale, share_image, website_json_ld
from .models import Article, Editor


class ListPageMixin(ConditionalMixin):
    """List pages answer polls with ETag/304 and are cached until an article changes.

    They show the navigation, the 图片 block and lists that any article can enter or leave, so the
    validator is the whole site's (Article.objects.site_fingerprint(), one query of index lookups),
    after the page's own object has been found (one more), so a page that no longer exists is a 404,
    never a 304. The object's own fields are folded in: renaming a tag or a person shows on its page at once.
    """

    def get_page_object(self):
        return None

    def fingerprint(self):
        page = self.get_page_object()
        own = [getattr(page, field.attname) for field in page._meta.concrete_fields] if page is not None else []
        return f"{Article.objects.site_fingerprint()}:{own}"

    def canonical_path(self):
        raise NotImplementedError

    def json_ld(self, canonical):
        return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        path = self.canonical_path()
        page = context.get("page_obj")
        if page is not None and page.number > 1:
            path += f"?page={page.number}"
        canonical = self.request.build_absolute_uri(path)
        return context | {"canonical": canonical, "og_locale": og_locale(), "json_ld": self.json_ld(canonical)}


@method_decorator(public_page, name="dispatch")
class HomeView(ListPageMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sections = list(Section.objects.navigation())
        by_section = Article.objects.published().for_listing().latest_in_each(
            sections, settings.NEWSDESK["HOME_SECTION_COUNT"]
        )
        # A live pin (置顶) if there is one, else the newest; pins of unpublished articles never show.
        context["headline"] = Article.objects.published().for_listing().headline()
        context["section_blocks"] = [(section, by_section.get(section.pk, [])) for section in sections]
        return context

    def canonical_path(self):
        return reverse("articles:home")

    def json_ld(self, canonical):
        return website_json_ld(self.request)


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
    # Previews (staff, shared links) show the page as it will look, marked, with no public metadata.
    preview = False

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
        return context | {"preview": self.preview} | self.metadata()

    def metadata(self):
        if self.preview:
            # A preview is not a page of the site: no canonical URL, no card, no structured data.
            return {}
        canonical = self.request.build_absolute_uri(self.object.get_absolute_url())
        image = share_image(self.object)
        return {
            "canonical": canonical,
            "og_locale": og_locale(),
            "share_image": image,
            "share_image_url": image and self.request.build_absolute_uri(image.url),
            "json_ld": article_json_ld(self.object, self.request, canonical),
        }


@method_decorator([staff_member_required, private_page], name="dispatch")
class ArticlePreviewView(ArticleDetailView):
    """Staff see any article, whatever its status, as readers will; never cached, never indexed."""

    preview = True

    def articles(self):
        return Article.objects.all()


@method_decorator(public_page, name="dispatch")
class TagView(ListPageMixin, ArticleListMixin, ListView):
    template_name = "articles/tag_detail.html"

    def get_page_object(self):
        return get_object_or_404(Tag, slug=self.kwargs["slug"])

    def get_queryset(self):
        self.tag = self.get_page_object()
        return self.published().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"tag": self.tag}

    def canonical_path(self):
        return reverse("articles:tag", kwargs={"slug": self.tag.slug})

    def json_ld(self, canonical):
        return collection_json_ld(self.request, f"标签:{self.tag.name}", f"标签“{self.tag.name}”下的稿件", canonical)


@method_decorator(public_page, name="dispatch")
class EditorView(ListPageMixin, ArticleListMixin, ListView):
    template_name = "articles/editor_detail.html"

    def get_page_object(self):
        return get_object_or_404(Editor, pk=self.kwargs["pk"])

    def get_queryset(self):
        self.editor = self.get_page_object()
        return self.published().filter(Q(editor=self.editor) | Q(reporters=self.editor)).distinct()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"editor": self.editor}

    def canonical_path(self):
        return self.editor.get_absolute_url()

    def json_ld(self, canonical):
        return collection_json_ld(self.request, self.editor.name, self.editor.bio, canonical)
