"""Benchmark: feeds, 304s and sitemaps against the demo data enlarged to 100,000 published articles.

    DATABASE_URL=postgres://…/newsdesk_bench .venv/bin/python bench/distribution.py [--articles 100000]

Migrates, loads the demo, then tops the database up with generated articles (once; later runs reuse
them). Requests go through Django's full request stack in-process (test client, no network), with
DEBUG off and the in-memory cache. Prints figures; asserts nothing.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The test settings: DEBUG off (no query log growing in memory), in-memory cache, static files
# served without a collectstatic manifest. The database is DATABASE_URL's, not a test database.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.demo import content  # noqa: E402
from articles.models import Article, Editor, TaggedArticle  # noqa: E402
from images.models import Image  # noqa: E402
from sections.models import Section  # noqa: E402

BENCH_SOURCE = "bench"  # generated articles carry this source_name, so a rerun tops up instead of duplicating


def enlarge(target):
    have = Article.objects.published().count()
    missing = target - have
    if missing <= 0:
        return have
    rng = random.Random(6)
    sections = list(Section.objects.all())
    editors = list(Editor.objects.all())
    covers = list(Image.objects.values_list("pk", flat=True))
    tags = list(Tag.objects.all())
    now = timezone.now()
    body = "".join(f"<p>{p}</p>" for p in content.PARAGRAPHS)
    print(f"generating {missing:,} articles…", flush=True)
    batch = 5000
    for start in range(0, missing, batch):
        with transaction.atomic():
            rows = []
            for i in range(start, min(start + batch, missing)):
                # Three years of history, newest first, a few minutes apart.
                published = now - timedelta(minutes=15 * (have + i) + rng.randint(0, 10), hours=2)
                rows.append(
                    Article(
                        title=f"江西台办新闻第{have + i}号稿件:赣台交流持续深化",
                        summary="两岸嘉宾围绕产业合作、青年交流和文化传承等议题深入交流。",
                        body=body,
                        source_name=BENCH_SOURCE,
                        section=rng.choice(sections),
                        editor=rng.choice(editors),
                        kind=Article.Kind.STANDARD,
                        cover_id=rng.choice(covers) if covers and rng.random() < 0.2 else None,
                        status=Article.Status.PUBLISHED,
                        published_at=published,
                    )
                )
            created = Article.objects.bulk_create(rows)
            TaggedArticle.objects.bulk_create(
                TaggedArticle(content_object=article, tag=tag) for article in created for tag in rng.sample(tags, 2)
            )
        print(f"  {start + len(rows):,}/{missing:,}", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Article.objects.published().count()


def rate(client, url, n, before=None, headers=None, expect=200):
    started = time.perf_counter()
    for _ in range(n):
        if before:
            before()
        response = client.get(url, headers=headers or {})
        assert response.status_code == expect, (url, response.status_code)
    return n / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    total = enlarge(args.articles)
    client = Client(HTTP_HOST="localhost")
    section = Section.objects.get(slug="yaowen")
    print(f"\n{total:,} published articles, {Section.objects.count()} sections, {Tag.objects.count()} tags\n")

    print(f"{'':28}{'cold req/s':>12}{'cached req/s':>14}{'304/s':>10}{'304 queries':>13}")
    for label, url in [
        ("site RSS /feed/", "/feed/"),
        ("site Atom /feed/atom/", "/feed/atom/"),
        ("section RSS", section.get_absolute_url() + "feed/"),
        ("tag RSS", "/tags/台企/feed/"),
        ("section page (HTML)", section.get_absolute_url()),
        ("home page (HTML)", "/"),
        ("tag page (HTML)", "/tags/台企/"),
    ]:
        client.get(url)  # warm connections and imports
        cold = rate(client, url, 30, before=cache.clear)
        client.get(url)
        cached = rate(client, url, 300)
        etag = client.get(url)["ETag"]
        not_modified = rate(client, url, 1000, headers={"If-None-Match": etag}, expect=304)
        with CaptureQueriesContext(connection) as queries:
            client.get(url, headers={"If-None-Match": etag})
        print(f"{label:28}{cold:12.0f}{cached:14.0f}{not_modified:10.0f}{len(queries):13d}")

    # The validators alone: list pages and the sitemap index use the site-wide one (index lookups);
    # counting every public article is what they used before.
    for label, validator in [
        ("site_fingerprint()", Article.objects.site_fingerprint),
        ("published().fingerprint()", lambda: Article.objects.published().fingerprint()),
    ]:
        started = time.perf_counter()
        for _ in range(50):
            validator()
        print(f"validator {label:30}{(time.perf_counter() - started) / 50 * 1000:8.2f} ms")

    cache.clear()
    started = time.perf_counter()
    index = client.get("/sitemap.xml")
    index_seconds = time.perf_counter() - started
    import lxml.etree

    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in lxml.etree.fromstring(index.content).iterfind(".//sm:loc", ns)]
    started = time.perf_counter()
    urls = 0
    for location in locations:
        response = client.get(location.removeprefix("http://localhost"))
        assert response.status_code == 200, location
        urls += response.content.count(b"<url>")
    all_seconds = time.perf_counter() - started
    print(f"\nsitemap index, cold: {index_seconds * 1000:.0f} ms ({len(locations)} sitemaps)")
    print(f"every sitemap in the index, cold: {all_seconds:.1f} s ({urls:,} URLs)")
    etag = client.get("/sitemap.xml")["ETag"]
    print(f"sitemap index 304/s: {rate(client, '/sitemap.xml', 300, headers={'If-None-Match': etag}, expect=304):.0f}")


if __name__ == "__main__":
    main()
