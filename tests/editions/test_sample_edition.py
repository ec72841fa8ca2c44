"""Acceptance: the sample capture, imported and shown in the traditional edition, reads as the sample does."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.importer import strip_pinyin
from articles.models import Article
from tests.conftest import parse_html, texts
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample-article.txt"

# Where the sample is wrong for traditional text, our edition differs on purpose. Each entry is
# (the sample's text, ours, why). Every other character must match the sample exactly.
EXCEPTIONS = [
    ("致力于", "致力於", "于 is 於 in traditional text (the sample converted character by character)"),
    ("關于", "關於", "于 → 於, as above"),
    ("訂制服務", "訂製服務", "custom-made is 訂製; 制 is 'system/regulate'"),
    ("采取", "採取", "采 as 'adopt' is 採"),
    ("采用", "採用", "采 as 'adopt' is 採"),
    ("并健全", "並健全", "并 as 'and also' is 並"),
    ("并現場", "並現場", "并 as 'and also' is 並"),
    ("并向", "並向", "并 as 'and also' is 並"),
    ("并為", "並為", "并 as 'and also' is 並 (OpenCC alone gives 併為; a house phrase fixes it)"),
    ("包干", "包乾", "a lump-sum responsibility is 包乾; 干 is 'to do/dry' only in simplified"),
    ("征求", "徵求", "征 as 'solicit' is 徵"),
    ("征地", "徵地", "征 as 'requisition' is 徵"),
    ("800余份", "800餘份", "余 as 'more than' is 餘; 余 is 'I'"),
    ("30余條", "30餘條", "余 → 餘, as above"),
    ("復雜", "複雜", "复 in 'complex' is 複"),
]


def expected(line):
    for wrong, right, _why in EXCEPTIONS:
        line = line.replace(wrong, right)
    return line


@pytest.fixture
def sample_page(client):
    SectionFactory(name="各地涉台活动", slug="gedi")
    call_command("import_pages", str(SAMPLE), "--section", "gedi", "--publish", stdout=None)
    article = Article.objects.get()
    response = client.get(f"/zh-hant{article.get_absolute_url()}")
    assert response.status_code == 200
    return response


def sample_lines():
    text = strip_pinyin(SAMPLE.read_text(encoding="utf-8"))
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_every_exception_is_really_in_the_sample_and_applies_once_or_more():
    sample = "\n".join(sample_lines())
    for wrong, _right, why in EXCEPTIONS:
        assert wrong in sample, why


def test_traditional_edition_of_the_sample_says_jing_zhun_fu_wu_tai_qi_yue_with_tai_not_counter(sample_page):
    page = sample_page.content.decode()
    assert "精準服務臺企月" in page
    assert "檯" not in page


def test_traditional_edition_of_the_sample_has_no_pinyin(sample_page):
    tree = parse_html(sample_page)
    visible = tree.cssselect("main")[0].text_content()
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", visible)


def test_title_meta_and_editor_lines_match_the_sample_character_for_character(sample_page):
    lines = sample_lines()
    tree = parse_html(sample_page)
    title, meta = lines[1], lines[2]
    time_part, source_part = re.split(r"\s{2,}", meta)

    assert texts(tree, "h1.article-title") == [title]
    spans = texts(tree, ".article-meta span")
    assert spans[0] == time_part
    assert spans[1] == source_part
    assert texts(tree, ".article-editor") == [next(line for line in lines if line.startswith("編輯:"))]


def test_body_paragraphs_match_the_sample_except_where_the_sample_is_wrong(sample_page):
    lines = sample_lines()
    start = lines.index(next(line for line in lines if line.startswith("時間")))
    end = lines.index(next(line for line in lines if line.startswith("編輯:")))
    sample_paragraphs = lines[start + 1 : end]

    ours = [p.text_content() for p in parse_html(sample_page).cssselect(".article-body p")]

    assert len(ours) == len(sample_paragraphs) == 6
    for sample_paragraph, our_paragraph in zip(sample_paragraphs, ours):
        assert our_paragraph == expected(sample_paragraph)
