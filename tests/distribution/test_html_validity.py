"""Every public page type of the demo site is valid HTML5 per the Nu Html Checker, in every edition.

Needs Java and vnu.jar (npm package vnu-jar; .ci/run installs it and sets NEWSDESK_VNU_JAR). Without
them the test is skipped with a reason, unless NEWSDESK_REQUIRE_VNU=1 (as in CI), where it fails.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from articles.models import Article, Editor
from sections.models import Section

pytestmark = [pytest.mark.django_db, pytest.mark.html]

DEFAULT_JAR = Path(settings.BASE_DIR) / ".ci" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def page_urls():
    """(name, url) for every public page type; add a page type here with one line."""
    sample = Article.objects.published().filter(extra_sections__isnull=False).first()
    picture = Article.objects.published().filter(kind=Article.Kind.PICTURE).first()
    subsection = Section.objects.filter(parent__isnull=False).first()
    return [
        ("home", reverse("articles:home")),
        ("section", reverse("sections:detail", kwargs={"slug": "yaowen"})),
        ("subsection", subsection.get_absolute_url()),
        ("section-page-2", reverse("sections:detail", kwargs={"slug": "gedi"}) + "?page=2"),
        ("article", sample.get_absolute_url()),
        ("picture-article", picture.get_absolute_url()),
        ("tag", reverse("articles:tag", kwargs={"slug": "台企"})),
        ("editor", Editor.objects.get(name="马一娜").get_absolute_url()),
        ("404", reverse("articles:detail", kwargs={"pk": 999999})),
        ("search", reverse("search:results") + "?q=台企"),
        ("search-no-results", reverse("search:results") + "?q=没有这个词语"),
    ]


def vnu_jar():
    jar = Path(os.environ.get("NEWSDESK_VNU_JAR") or DEFAULT_JAR)
    java = shutil.which("java")
    missing = [what for what, ok in (("java", java), (f"vnu.jar at {jar}", jar.is_file())) if not ok]
    if missing:
        reason = f"Nu Html Checker unavailable: no {' and no '.join(missing)} (npm install --prefix .ci vnu-jar)"
        if os.environ.get("NEWSDESK_REQUIRE_VNU") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return java, jar


def test_demo_pages_are_valid_html5_in_every_edition(client, tmp_path, settings):
    java, jar = vnu_jar()
    settings.NEWSDESK = settings.NEWSDESK | {"SECTION_PAGE_SIZE": 3}  # so that the demo has a page 2
    call_command("load_demo", stdout=open(os.devnull, "w"))

    files = {}
    for language, _ in settings.LANGUAGES:
        with translation.override(language):
            urls = page_urls()
        for name, url in urls:
            response = client.get(url)
            assert response.status_code == (404 if name == "404" else 200), url
            path = tmp_path / f"{language}-{name}.html"
            path.write_bytes(response.content)
            files[str(path)] = url

    result = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", *files],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:{m.get('lastLine')}: {m.get('message')} «{m.get('extract', '').strip()}»"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
    assert not errors, "\n".join(errors)
