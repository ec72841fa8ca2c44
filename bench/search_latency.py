"""Search latency on 100,000 articles: median and 95th percentile for 2- and 4-character queries,
common and rare, in both editions' query scripts.

    DATABASE_URL=postgres://… .venv/bin/python bench/search_latency.py [--articles 100000] [--runs 40] [--keep]

Builds its own database (<name>_searchbench beside DATABASE_URL's database), fills it with
synthetic ~800-character articles made from real sentences, then times `search.query.search()` plus the
page fetch (what the results page runs), and the whole results page through Django's test client.
Target: 95th percentile under 100 ms. With --keep the filled database is reused by the next run.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.demo import content  # noqa: E402
from search.text import document_vector, html_to_text  # noqa: E402

QUERIES = {
    # (label): query — how often it occurs in the synthetic archive is printed with the results.
    "2 chars, common": "两岸",
    "2 chars, common (traditional)": "兩岸",
    "2 chars, rare": "窑火",
    "4 chars, common": "台资企业",
    "4 chars, rare": "候鸟翩翩",
    "4 chars, no hits": "量子计算",
}
# Words found nowhere else in the pool, dropped into about one sentence in 1,250.
RARE = ["瓷都窑火映红夜空。", "鄱阳湖候鸟翩翩起舞。"]


def sentences():
    text = (ROOT / "articles" / "demo" / "sample-article.zh-hans.txt").read_text(encoding="utf-8")
    pool = [s + "。" for line in text.splitlines() for s in line.strip().split("。") if len(s) > 8]
    pool += [p for p in content.PARAGRAPHS]
    pool += [summary for _, _, summary, *_ in content.ARTICLES]
    # Sentences without the common words, so 两岸 and 台资企业 are common but not everywhere.
    pool += ["今年以来全省经济运行稳中有进。", "农村道路建设取得新进展。", "城市公园里游客络绎不绝。",
             "科技创新成为高质量发展的重要引擎。", "各地积极推进乡村振兴工作。"] * 6
    return pool


def build(n, seed=4, rebuild=False):
    from articles.models import Article
    from sections.models import Section

    section, _ = Section.objects.get_or_create(slug="bench", defaults={"name": "基准", "position": 1})
    if not rebuild and Article.objects.count() >= n:
        print(f"reusing {Article.objects.count()} articles")
        return
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE articles_article CASCADE")
    rng = random.Random(seed)
    pool = sentences()
    now = timezone.now()
    columns = ["title", "subtitle", "short_title", "summary", "body", "source_name", "source_url", "kind", "status",
               "published_at", "created_at", "updated_at", "import_key", "search_vector", "section_id", "version",
               "review_round"]
    started = time.perf_counter()
    batch = io.StringIO()

    def flush():
        with connection.cursor() as cursor, cursor.connection.cursor().copy(
            f"COPY articles_article ({', '.join(columns)}) FROM STDIN"
        ) as copy:
            copy.write(batch.getvalue())
        batch.seek(0)
        batch.truncate()

    for i in range(n):
        paragraphs, length = [], 0
        while length < 800:
            sentence = rng.choice(pool)
            if rng.random() < 0.0008:
                sentence = rng.choice(RARE)
            paragraphs.append(sentence)
            length += len(sentence)
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        title = rng.choice(pool).rstrip("。")[:40]
        summary = paragraphs[0]
        status = "published" if i % 50 else "draft"
        published = now - timedelta(minutes=rng.randrange(10 * 365 * 24 * 60))
        vector = document_vector([(title, "A"), (summary, "B"), (html_to_text(body), "D")])
        row = [title, "", "", summary, body, "中国台湾网", "", "standard", status, published.isoformat(),
               now.isoformat(), now.isoformat(), "", vector, str(section.pk), "1", "0"]
        batch.write("\t".join(v.replace("\\", "\\\\").replace("\t", " ").replace("\n", " ") for v in row) + "\n")
        if i % 2000 == 1999:
            flush()
            print(f"  {i + 1} articles ({time.perf_counter() - started:.0f} s)", flush=True)
    flush()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE articles_article")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep the filled database for the next run")
    parser.add_argument("--rebuild", action="store_true", help="refill a kept database")
    args = parser.parse_args()

    from articles.models import Article
    from search.query import articles_for_page, parse_query, search

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    # Its own database, so the test suite's (test_<name>) is never clobbered or reused by accident.
    connection.settings_dict["TEST"]["NAME"] = f"{old_name}_searchbench"
    connection.creation.create_test_db(verbosity=0, keepdb=True, serialize=False)
    try:
        build(args.articles, rebuild=args.rebuild)
        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            print(cursor.fetchone()[0].split(",")[0])
            cursor.execute("SELECT pg_size_pretty(pg_relation_size('article_search_vector')),"
                           " pg_size_pretty(pg_total_relation_size('articles_article'))")
            index_size, table_size = cursor.fetchone()
        published = Article.objects.published().count()
        print(f"{Article.objects.count()} articles ({published} published); GIN index {index_size}, table {table_size}")
        client = Client()
        print(f"{'query':34} {'hits':>7} | {'search ms':>18} | {'results page ms':>18}")
        print(f"{'':34} {'':>7} | {'median':>8} {'p95':>9} | {'median':>8} {'p95':>9}")
        for label, q in QUERIES.items():
            query = parse_query(q)
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM articles_article WHERE search_vector @@ %s::tsquery", [query.loose])
                hits = cursor.fetchone()[0]
            timings, pages = [], []
            search(query)  # warm-up: the first run reads from disk, readers hit a warm cache
            client.get("/search/", {"q": q})
            for _ in range(args.runs):
                started = time.perf_counter()
                results = search(query)
                articles_for_page(results.ids[:20], query)
                timings.append((time.perf_counter() - started) * 1000)
            for _ in range(max(5, args.runs // 4)):
                started = time.perf_counter()
                response = client.get("/search/", {"q": q})
                pages.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            print(f"{label + ' ' + q:34} {hits:>7} | {statistics.median(timings):8.1f} {percentile(timings, 95):9.1f} |"
                  f" {statistics.median(pages):8.1f} {percentile(pages, 95):9.1f}")
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
