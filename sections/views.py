from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import ListView

from articles.metadata import collection_json_ld
from articles.views import ArticleListMixin, ListPageMixin
from newsdesk.http import public_page

from .models import Section


@method_decorator(public_page, name="dispatch")
class SectionView(ListPageMixin, ArticleListMixin, ListView):
    template_name = "sections/section_detail.html"

    def get_page_object(self):
        return get_object_or_404(Section.objects.select_related("parent"), slug=self.kwargs["slug"])

    def get_queryset(self):
        self.section = self.get_page_object()
        self.subsections = list(self.section.children.all())
        return self.published().in_section(self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"section": self.section, "subsections": self.subsections}

    def canonical_path(self):
        return self.section.get_absolute_url()

    def json_ld(self, canonical):
        return collection_json_ld(self.request, self.section.name, self.section.description, canonical)
