"""What a reader sees in a real browser: headless Chromium from Debian against a live server."""

import os
import shutil

import pytest
from django.core.management import call_command

from articles.models import Article

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles")]


@pytest.fixture(scope="module")
def browser():
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        if os.environ.get("NEWSDESK_REQUIRE_BROWSER"):
            pytest.fail("Chromium and chromedriver are required (apt-get install chromium chromium-driver fonts-wqy-microhei)")
        pytest.skip("Chromium not installed: apt-get install chromium chromium-driver fonts-wqy-microhei")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,900",
    ]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def demo_article(live_server):
    call_command("load_demo", verbosity=0)
    return Article.objects.get(title="江西省“精准服务台企月”活动卓有成效")


def visible_text(browser, selector):
    from selenium.webdriver.common.by import By

    element = browser.find_element(By.CSS_SELECTOR, selector)
    assert element.is_displayed(), selector
    rect = element.rect
    assert rect["width"] > 0 and rect["height"] > 0, selector
    return " ".join(element.text.split())


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
