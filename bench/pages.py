"""Reader pages under load, in-process: requests/s, latency percentiles and queries per page.

    .venv/bin/python bench/pages.py [--articles 5000] [--requests 300]

Builds a throwaway database (test_<name>) with the demo content plus N generated articles,
then requests each page type through Django's full middleware stack, in both editions. No
network. "render" is a cache miss (Django's cache switched off: every request renders);
"cached" is the steady state with the server-side cache on (a body kept under its ETag).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")
os.environ.setdefault("DEBUG", "0")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--cached", action="store_true", help="keep Django's cache on (default: measure rendering)")
    parser.add_argument("--explain", action="store_true", help="print the slowest query of each page with EXPLAIN ANALYZE")
    args = parser.parse_args()

    import django

    django.setup()
    from datetime import timedelta

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    from articles.models import Article, TaggedArticle
    from sections.models import Section

    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    settings.ALLOWED_HOSTS = ["testserver"]
    if not args.cached:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    setup_test_environment()
    # Keep one connection for the whole run, as a persistent-connection app server would,
    # and so query counting sees every query.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_demo", verbosity=0)
        sections = list(Section.objects.all())
        now = timezone.now()
        template = Article.objects.published().first()
        started = time.perf_counter()
        Article.objects.bulk_create(
            [
                Article(
                    title=f"批量稿件{i}:两岸交流合作持续深化",
                    summary="两岸同胞交流交往日益密切。",
                    body=template.body,
                    source_name="中国台湾网",
                    section=sections[i % len(sections)],
                    editor=template.editor,
                    status=Article.Status.PUBLISHED,
                    published_at=now - timedelta(minutes=10 * i + 5),
                )
                for i in range(args.articles)
            ],
            batch_size=2000,
        )
        tag = template.tags.first()
        TaggedArticle.objects.bulk_create(
            [TaggedArticle(content_object_id=pk, tag=tag) for pk in Article.objects.values_list("pk", flat=True)],
            ignore_conflicts=True,
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would have done on a live database
        print(f"built {Article.objects.count()} articles in {time.perf_counter() - started:.1f} s")

        client = Client()
        section = Section.objects.get(slug="gedi")
        pages = {
            "home": "/",
            "section p1": section.get_absolute_url(),
            "section last": section.get_absolute_url()
            + f"?page={-(-Article.objects.published().in_section(section).count() // settings.NEWSDESK['SECTION_PAGE_SIZE'])}",
            "article": template.get_absolute_url(),
            "tag": f"/tags/{tag.slug}/",
            "search": "/search/?q=两岸",
            "feed": "/feed/",
        }
        pages |= {f"{name} 繁": f"/zh-hant{url}" for name, url in list(pages.items()) if name in ("home", "article")}
        print(f"{'page':<12} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'queries':>8}")
        for name, url in pages.items():
            client.get(url)  # the first view makes any missing image renditions; count the steady state
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            query_count = len(queries)  # read now: the next request clears the connection's query log
            if args.explain:
                slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
                print(f"--- {name}: slowest query {slowest['time']} s\n{slowest['sql']}")
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN ANALYZE " + slowest["sql"])
                    print("\n".join(row[0] for row in cursor.fetchall()))
            timings = []
            for _ in range(args.requests):
                t0 = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - t0) * 1000)
            timings.sort()
            q = statistics.quantiles(timings, n=100)
            print(
                f"{name:<12} {1000 * len(timings) / sum(timings):>8.0f} {q[49]:>8.1f} {q[94]:>8.1f} {q[98]:>8.1f} {query_count:>8}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
