from django.conf import settings
from django.utils.decorators import method_decorator
from django.views.generic import ListView

from newsdesk.http import public_page

from .forms import SearchForm
from .query import articles_for_page, parse_query, search


@method_decorator(public_page, name="dispatch")
class SearchView(ListView):
    """GET only, no session, no CSRF: the results page is as cacheable as any reader page."""

    template_name = "search/results.html"
    context_object_name = "article_ids"

    def get_paginate_by(self, queryset):
        return settings.NEWSDESK["SEARCH_PAGE_SIZE"]

    def get_queryset(self):
        self.form = SearchForm(self.request.GET or None)
        self.query = None
        self.results = None
        if not self.form.is_bound or not self.form.is_valid():
            return []
        self.query = parse_query(self.form.cleaned_data["q"])
        if self.query is None:
            return []
        data = self.form.cleaned_data
        self.results = search(self.query, section=data["section"], start=data["start"], end=data["end"])
        return self.results.ids

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        params = self.request.GET.copy()
        params.pop("page", None)
        context.update(
            form=self.form,
            q=self.form.cleaned_data.get("q", "") if self.form.is_bound and self.form.is_valid() else "",
            query=self.query,
            results=self.results,
            articles=articles_for_page(list(page.object_list), self.query) if page and self.query else [],
            page_query=params.urlencode(),
        )
        return context
