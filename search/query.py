"""Searching published articles with the bigram vectors that Article.save() writes."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQueryField, SearchRank
from django.db.models import BooleanField, Case, F, FloatField, Func, Subquery, Value, When
from django.db.models.functions import Cast, Now

from articles.models import Article

from .text import highlight, html_to_text, parse_query

# ts_rank's weights for {D, C, B, A}: body, -, summary, title.
WEIGHTS = [0.1, 0.2, 0.4, 1.0]


class Matches(Func):
    """tsvector @@ tsquery, usable in filter() and in CASE."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class AgeInDays(Func):
    template = "(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)"
    output_field = FloatField()


def tsquery(literal):
    # A literal cast, not to_tsquery(): the lexemes are ours and must not go through a parser.
    return Cast(Value(literal), SearchQueryField())


@dataclass
class Results:
    ids: list
    capped: bool


def search(query, *, section=None, start=None, end=None):
    """Ids of matching published articles, best first.

    Relevance is ranked among at most SEARCH_CANDIDATES matches, the most recent ones, found in one of
    two ways so that neither a word in every article (两岸) nor one in a handful (脐橙) is slow:

    1. Look among the most recent RECENT_WINDOW published articles (the date index, newest first).
       A common word fills the candidates there, without visiting its tens of thousands of older hits.
    2. Otherwise the word is rare: take every match from the GIN index and keep the newest. Ordering by
       an expression keeps PostgreSQL from walking the date index backwards through the whole table
       looking for hits that are not there.
    """
    cap = settings.NEWSDESK["SEARCH_CANDIDATES"]
    loose, exact = tsquery(query.loose), tsquery(query.exact)
    public = Article.objects.published()
    if section is not None:
        public = public.filter(pk__in=Article.objects.in_section(section).values("pk"))
    if start:
        public = public.filter(published_at__date__gte=start)
    if end:
        public = public.filter(published_at__date__lte=end)

    recent = public.order_by("-published_at", "-pk").values("pk")[: settings.NEWSDESK["SEARCH_RECENT_WINDOW"]]
    candidates = list(
        Article.objects.filter(pk__in=Subquery(recent))
        .filter(Matches(F("search_vector"), loose))
        .order_by("-published_at", "-pk")
        .values_list("pk", flat=True)[:cap]
    )
    if len(candidates) < cap:
        candidates = list(
            public.filter(Matches(F("search_vector"), loose))
            .annotate(age=AgeInDays(Now() - F("published_at")))
            .order_by("age", "-pk")
            .values_list("pk", flat=True)[:cap]
        )
    if not candidates:
        return Results(ids=[], capped=False)
    ranked = (
        Article.objects.filter(pk__in=candidates)
        .annotate(
            score=SearchRank(F("search_vector"), loose, weights=WEIGHTS)
            # Every term found as written beats any scattered match.
            + Case(When(Matches(F("search_vector"), exact), then=Value(1.0)), default=Value(0.0))
            # Fresher news first among equals: worth up to 0.5, halved after a month.
            + Value(0.5) / (Value(1.0) + AgeInDays(Now() - F("published_at")) / Value(30.0))
        )
        .order_by("-score", "-published_at", "-pk")
        .values_list("pk", flat=True)
    )
    ids = list(ranked)
    return Results(ids=ids, capped=len(candidates) >= cap)


def articles_for_page(ids, query):
    """The page's articles, in rank order, each with highlighted title and snippet pieces."""
    by_pk = Article.objects.published().for_listing().in_bulk(ids)
    articles = [by_pk[pk] for pk in ids if pk in by_pk]
    for article in articles:
        article.title_pieces = highlight(article.title, query.terms, width=200)
        article.snippet_pieces = highlight(f"{article.summary} {html_to_text(article.body)}", query.terms)
    return articles


__all__ = ["Results", "articles_for_page", "parse_query", "search"]
