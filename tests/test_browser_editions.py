"""The 简/繁 switch and search in the traditional edition, as a reader uses them in Chromium."""

import pytest

from tests.conftest import visible_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles")]

SIMPLIFIED_TITLE = "江西省“精准服务台企月”活动卓有成效"
TRADITIONAL_TITLE = "江西省“精準服務臺企月”活動卓有成效"


def wait_for_url(browser, url_part, exact=False):
    """A click or submit starts a navigation; wait until the new page is the one loaded."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    arrived = expected_conditions.url_to_be if exact else expected_conditions.url_contains
    WebDriverWait(browser, 10).until(arrived(url_part))
    WebDriverWait(browser, 10).until(lambda b: b.execute_script("return document.readyState") == "complete")


def html_lang(browser):
    return browser.execute_script("return document.documentElement.lang")


def test_reader_switches_an_article_to_traditional_and_back(browser, live_server, demo_article):
    from selenium.webdriver.common.by import By

    url = demo_article.get_absolute_url()
    browser.get(live_server.url + url)
    assert (visible_text(browser, "h1"), html_lang(browser)) == (SIMPLIFIED_TITLE, "zh-Hans")

    browser.find_element(By.CSS_SELECTOR, ".edition-switch").find_element(By.LINK_TEXT, "繁體").click()
    wait_for_url(browser, f"{live_server.url}/zh-hant{url}", exact=True)

    assert browser.current_url == f"{live_server.url}/zh-hant{url}"
    assert (visible_text(browser, "h1"), html_lang(browser)) == (TRADITIONAL_TITLE, "zh-Hant")
    assert visible_text(browser, ".article-meta") == "時間:2015-12-18 09:10 來源:中國臺灣網"

    browser.find_element(By.CSS_SELECTOR, ".edition-switch").find_element(By.LINK_TEXT, "简体").click()
    wait_for_url(browser, live_server.url + url, exact=True)

    assert browser.current_url == live_server.url + url
    assert (visible_text(browser, "h1"), html_lang(browser)) == (SIMPLIFIED_TITLE, "zh-Hans")


def test_traditional_query_in_the_header_search_finds_the_sample_with_highlights(browser, live_server, demo_article):
    from selenium.webdriver.common.by import By

    browser.get(live_server.url + "/zh-hant/")
    box = browser.find_element(By.CSS_SELECTOR, ".site-search input[name=q]")
    box.send_keys("臺企")
    box.submit()
    wait_for_url(browser, "/zh-hant/search/")

    assert browser.current_url.startswith(f"{live_server.url}/zh-hant/search/?q=")
    assert html_lang(browser) == "zh-Hant"
    results = browser.find_elements(By.CSS_SELECTOR, ".search-result")
    titles = [" ".join(r.find_element(By.CSS_SELECTOR, ".card-title").text.split()) for r in results]
    assert TRADITIONAL_TITLE in titles
    sample = results[titles.index(TRADITIONAL_TITLE)]
    assert [mark.text for mark in sample.find_elements(By.CSS_SELECTOR, ".card-title mark")] == ["臺企"]
    assert sample.find_element(By.CSS_SELECTOR, ".card-title mark").is_displayed()

    sample.find_element(By.CSS_SELECTOR, ".card-title a").click()
    wait_for_url(browser, "/articles/")
    assert browser.current_url == f"{live_server.url}/zh-hant{demo_article.get_absolute_url()}"


def test_search_results_fit_a_phone_screen_without_sideways_scrolling(browser, live_server, demo_article):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.set_window_size(390, 844)
    try:
        for prefix in ("", "/zh-hant"):
            browser.get(f"{live_server.url}{prefix}/search/?q=%E5%8F%B0%E4%BC%81&section=gedi")
            assert browser.find_elements(By.CSS_SELECTOR, ".search-result"), prefix
            overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, prefix
            chosen = Select(browser.find_element(By.CSS_SELECTOR, "select[name=section]")).first_selected_option
            assert chosen.get_attribute("value") == "gedi", prefix
    finally:
        browser.set_window_size(1280, 900)
