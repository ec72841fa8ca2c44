"""Importing captured pages: layouts, pinyin, traditional → simplified, idempotency, error reporting."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.importer import ParseError, decode, parse_capture, strip_pinyin
from articles.models import Article, Editor
from tests.factories import SectionFactory

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample-article.txt"


# --- Parsing (pure functions) -------------------------------------------------------------------


def test_pinyin_readings_are_stripped_but_real_parentheses_stay():
    text = "中國臺(tái)灣(wān)網(wǎng)的(de)報道(中國臺灣網、江西省臺辦聯合報道)“1+2+6”模式(開一場座談會)(2015)"
    assert strip_pinyin(text) == "中國臺灣網的報道(中國臺灣網、江西省臺辦聯合報道)“1+2+6”模式(開一場座談會)(2015)"


def test_sample_capture_parses_to_simplified_fields_without_pinyin():
    page = parse_capture(decode(SAMPLE.read_bytes()))

    assert page.title == "江西省“精准服务台企月”活动卓有成效"
    assert page.published_at.strftime("%Y-%m-%d %H:%M %z") == "2015-12-18 09:10 +0800"
    assert page.source_name == "中国台湾网"
    assert page.editor_name == "马一娜"
    assert len(page.paragraphs) == 6
    assert page.paragraphs[0].startswith("中国台湾网12月18日讯 自11月6日开展“精准服务台企月”活动以来,我省致力于为台企")
    assert page.paragraphs[-1].endswith("(中国台湾网、江西省台办联合报道)")
    assert not any("(" in p and "ǎ" in p for p in page.paragraphs)


def test_sample_body_matches_the_demo_text_made_from_it():
    demo = (Path(__file__).resolve().parents[2] / "articles" / "demo" / "sample-article.zh-hans.txt").read_text()
    demo_paragraphs = [line.strip() for line in demo.splitlines() if line.startswith("  ") and line.strip()]
    assert parse_capture(SAMPLE.read_text()).paragraphs == demo_paragraphs


def test_pipe_separated_meta_line_with_editor_first():
    page = parse_capture(
        "两岸青年共话发展\n\n编辑:左妍冰|2023-11-28 15:36:39|来源:中国台湾网\n\n  第一段。\n  第二段。\n\n相关新闻\n要闻\n"
    )
    assert (page.title, page.editor_name, page.source_name) == ("两岸青年共话发展", "左妍冰", "中国台湾网")
    assert page.published_at.strftime("%Y-%m-%d %H:%M:%S") == "2023-11-28 15:36:39"
    assert page.paragraphs == ["第一段。", "第二段。"]


def test_time_and_source_on_separate_lines_and_full_width_colons():
    page = parse_capture("赣台会开幕\n时间:2023-11-28 15:36\n来源:江西日报\n正文。\n责任编辑:陈思远\n")
    assert (page.source_name, page.editor_name, page.paragraphs) == ("江西日报", "陈思远", ["正文。"])


def test_traditional_labels_and_chinese_date_are_understood():
    page = parse_capture("兩岸交流\n發佈時間:2016年1月5日 08:30   來源:中國臺灣網\n正文。\n")
    assert page.title == "两岸交流"
    assert page.published_at.strftime("%Y-%m-%d %H:%M") == "2016-01-05 08:30"


def test_breadcrumb_gives_the_section():
    page = parse_capture("当前位置:首页 > 各地涉台活动\n南昌台企座谈\n时间:2023-11-28 15:36\n正文。\n")
    assert (page.section_name, page.title) == ("各地涉台活动", "南昌台企座谈")


def test_html_capture_is_read_as_text():
    html = """<html><head><title>旧站</title><script>var a="时间:1999-01-01";</script></head><body>
    <div class="nav">首页</div><h1>两岸书院论坛举行</h1>
    <div class="meta">时间:2023-11-28 15:36&nbsp;&nbsp;来源:中国台湾网</div>
    <p>  两岸学者齐聚庐山&amp;交流。</p><p>探讨书院文化。</p><div>编辑:王子涵</div></body></html>"""
    page = parse_capture(html)
    assert page.title == "两岸书院论坛举行"
    assert page.paragraphs == ["两岸学者齐聚庐山&交流。", "探讨书院文化。"]
    assert page.editor_name == "王子涵"


def test_gb18030_capture_is_decoded():
    assert parse_capture(decode("台企月\n时间:2015-12-18 09:10\n正文。\n".encode("gb18030"))).title == "台企月"


@pytest.mark.parametrize(
    "text, reason",
    [
        ("只有一行字\n", "找不到时间行"),
        ("时间:2015-12-18 09:10\n正文。\n", "找不到标题"),
        ("标题\n时间:2015-12-18 09:10\n", "没有正文段落"),
        ("标题\n时间:2015-13-40 09:10\n正文。\n", "不是有效日期"),
    ],
)
def test_unparsable_captures_say_why(text, reason):
    with pytest.raises(ParseError, match=reason):
        parse_capture(text)


def test_undecodable_bytes_say_why():
    with pytest.raises(ParseError, match="编码"):
        decode(b"\xff\xfe\xfa\x00\x81")


# --- The command ----------------------------------------------------------------------------------


@pytest.fixture
def section(db):
    return SectionFactory(name="各地涉台活动", slug="gedi")


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_pages", *map(str, args), stdout=out, stderr=err)
    finally:
        run.out, run.err = out.getvalue(), err.getvalue()


def test_import_creates_a_draft_with_every_field(section):
    run(SAMPLE, "--section", "gedi")
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert not article.is_published()
    assert article.title == "江西省“精准服务台企月”活动卓有成效"
    assert article.source_name == "中国台湾网"
    assert article.editor.name == "马一娜"
    assert article.section == section
    assert article.body.count("<p>") == 6
    assert timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M") == "2015-12-18 09:10"
    assert "新建《江西省“精准服务台企月”活动卓有成效》" in run.out


def test_import_with_publish_makes_it_public_at_its_original_time(section):
    run(SAMPLE, "--section", "gedi", "--publish")
    article = Article.objects.published().get()
    assert timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M") == "2015-12-18 09:10"


def test_second_import_updates_and_never_duplicates(section, tmp_path):
    run(SAMPLE, "--section", "gedi")
    Article.objects.update(body="<p>被改过</p>")
    run(SAMPLE, "--section", "gedi")

    assert Article.objects.count() == 1
    assert Editor.objects.filter(name="马一娜").count() == 1
    assert Article.objects.get().body.count("<p>") == 6
    assert "更新《" in run.out


def test_reimport_without_publish_keeps_a_published_article_published(section):
    run(SAMPLE, "--section", "gedi", "--publish")
    run(SAMPLE, "--section", "gedi")
    assert Article.objects.published().count() == 1


def test_dry_run_writes_nothing_and_says_what_would_happen(section):
    run(SAMPLE, "--section", "gedi", "--dry-run")
    assert Article.objects.count() == 0
    assert Editor.objects.count() == 0
    assert "将新建《江西省“精准服务台企月”活动卓有成效》" in run.out
    assert "试运行" in run.out


def test_section_from_the_page_is_used_when_it_exists(section, tmp_path):
    page = tmp_path / "crumb.txt"
    page.write_text("首页 > 各地涉台活动\n南昌台企座谈\n时间:2023-11-28 15:36\n正文。\n", encoding="utf-8")
    run(page)
    assert Article.objects.get().section == section


def test_unparsable_files_are_reported_with_reasons_and_the_rest_are_imported(section, tmp_path):
    folder = tmp_path / "captures"
    folder.mkdir()
    (folder / "a-good.txt").write_bytes(SAMPLE.read_bytes())
    (folder / "b-no-time.txt").write_text("只有标题\n没有时间\n", encoding="utf-8")
    (folder / "c-binary.html").write_bytes(b"\xff\xfe\xfa\x00\x81")
    (folder / "d-good.txt").write_text("两岸交流\n时间:2023-01-02 10:00\n正文。\n", encoding="utf-8")
    (folder / "ignored.jpg").write_bytes(b"\xff\xd8")

    with pytest.raises(CommandError, match="2 个文件无法导入"):
        run(folder, "--section", "gedi")

    assert Article.objects.count() == 2
    assert "b-no-time.txt: 找不到时间行" in run.err
    assert "c-binary.html: 无法识别文件编码" in run.err
    assert "[1/4]" in run.out and "[4/4]" in run.out  # progress, one line per file
    assert "新建 2,更新 0,失败 2" in run.out


def test_missing_section_is_a_reason_not_a_crash(db, tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("标题\n时间:2023-11-28 15:36\n正文。\n", encoding="utf-8")
    with pytest.raises(CommandError):
        run(page)
    assert "--section" in run.err
    with pytest.raises(CommandError, match="没有 slug"):
        run(page, "--section", "nope")
    assert Article.objects.count() == 0


def test_missing_file_is_reported(section, tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path / "nope.txt", "--section", "gedi")
    assert "无法读取文件" in run.err


def test_imported_article_is_searchable(section, client):
    run(SAMPLE, "--section", "gedi", "--publish")
    response = client.get("/search/", {"q": "臺企"})
    assert "精准服务台企月" in response.content.decode().replace("<mark>", "").replace("</mark>", "")
