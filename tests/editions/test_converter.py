"""Phrase-level conversion to Taiwan-standard traditional Chinese, with protected terms."""

from editions.convert import Converter
from editions.service import convert_markup


def test_service_desk_compound_does_not_swallow_tai_qi():
    assert Converter.build().convert("精准服务台企月") == "精準服務臺企月"


def test_cross_strait_compounds_use_tai_not_counter_or_typhoon():
    converted = Converter.build().convert("台资企业 台胞 台商 对台工作 服务台商 柜台")
    assert converted == "臺資企業 臺胞 臺商 對臺工作 服務臺商 櫃檯"


def test_yu_and_bing_become_the_traditional_characters_the_sense_needs():
    converted = Converter.build().convert("致力于发展,并为台商服务;两家公司合并为一家。")
    assert converted == "致力於發展,並為臺商服務;兩家公司合併為一家。"


def test_glossary_entry_overrides_opencc_and_house_phrases():
    plain = Converter.build()
    assert plain.convert("鹿心社在服务台") == "鹿心社在服務檯"
    desk = Converter.build([("服务台", "服務臺"), ("台企", "台企")])
    assert desk.convert("鹿心社在服务台,为台企服务") == "鹿心社在服務臺,為台企服務"


def test_longer_protected_term_wins_where_two_overlap():
    desk = Converter.build([("服务台", "服務臺")])
    assert desk.convert("精准服务台企月") == "精準服務臺企月"


def test_regional_vocabulary_is_off_by_default_and_rewrites_words_when_on():
    assert Converter.build().convert("软件和信息") == "軟件和信息"
    assert Converter.build(regional_vocabulary=True).convert("软件和信息") == "軟體和資訊"


def test_full_width_punctuation_is_kept_as_written():
    assert Converter.build().convert("“台企”:两岸,交流!") == "“臺企”:兩岸,交流!"


def test_markup_conversion_leaves_urls_scripts_and_simplified_marked_elements_alone():
    html = (
        '<a href="/tags/台企/" title="标签台企">台企</a><img src="/media/台湾.jpg" alt="台湾风光">'
        '<script>var x = "台湾";</script><a lang="zh-Hans" href="/">简体</a><input value="台湾">'
        '<meta name="description" content="两岸新闻"><meta property="og:url" content="/tags/台企/">'
    )
    converted = convert_markup(html, Converter.build())
    assert converted == (
        '<a href="/tags/台企/" title="標籤臺企">臺企</a><img src="/media/台湾.jpg" alt="臺灣風光">'
        '<script>var x = "台湾";</script><a lang="zh-Hans" href="/">简体</a><input value="台湾">'
        '<meta name="description" content="兩岸新聞"><meta property="og:url" content="/tags/台企/">'
    )


def test_converter_fingerprint_changes_with_glossary_and_vocabulary_setting():
    base = Converter.build()
    assert base.fingerprint == Converter.build().fingerprint
    assert base.fingerprint != Converter.build([("台企", "台企")]).fingerprint
    assert base.fingerprint != Converter.build(regional_vocabulary=True).fingerprint
