"""What a reader sees in a real browser: headless Chromium from Debian against a live server."""

import pytest

from tests.conftest import visible_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles")]


def test_demo_article_shows_title_meta_line_and_body(browser, live_server, demo_article):
    browser.get(live_server.url + demo_article.get_absolute_url())

    assert visible_text(browser, "h1") == "江西省“精准服务台企月”活动卓有成效"
    assert visible_text(browser, ".article-meta") == "时间:2015-12-18 09:10 来源:中国台湾网"
    assert visible_text(browser, ".article-body").startswith("中国台湾网12月18日讯")
    assert visible_text(browser, ".article-editor") == "编辑:马一娜"
    assert browser.title.startswith("江西省“精准服务台企月”活动卓有成效")


def test_article_page_fits_a_phone_screen_without_sideways_scrolling(browser, live_server, demo_article):
    browser.set_window_size(390, 844)
    try:
        browser.get(live_server.url + demo_article.get_absolute_url())
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        assert visible_text(browser, "h1") == "江西省“精准服务台企月”活动卓有成效"
    finally:
        browser.set_window_size(1280, 900)


def test_reader_follows_a_section_link_from_the_navigation(browser, live_server, demo_article):
    from selenium.webdriver.common.by import By

    browser.get(live_server.url + "/")
    browser.find_element(By.LINK_TEXT, "各地涉台活动").click()

    assert visible_text(browser, "h1") == "各地涉台活动"
    titles = [el.text for el in browser.find_elements(By.CSS_SELECTOR, ".card-title")]
    assert "江西省“精准服务台企月”活动卓有成效" in titles
