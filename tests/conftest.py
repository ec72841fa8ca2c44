import os
import shutil

import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded and generated files go to a per-test folder, never into the checkout.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def parse_html(response):
    """The response as an lxml tree, for asserting on what a reader sees rather than on raw strings."""
    import lxml.html

    return lxml.html.fromstring(response.content.decode())


def reader_paths(article):
    """One page of each reader page type, for an article that is published, tagged 台企 and has an editor."""
    return [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        "/tags/台企/",
        article.editor.get_absolute_url(),
        "/search/?q=台企",
        "/feed/",
    ]


def texts(tree, selector):
    return [" ".join(el.text_content().split()) for el in tree.cssselect(selector)]


# Data migrations that create the desk's roles, in the order migrate runs them.
ROLE_MIGRATIONS = [
    ("articles.migrations.0002_create_editor_group", "create_group"),
    ("workflow.migrations.0002_create_roles", "create_roles"),
    ("images.migrations.0003_grant_roles_picture_permissions", "grant"),
    ("editions.migrations.0001_create_glossary_and_settings", "create_settings_and_grant_desk"),
    ("workflow.migrations.0004_pinning_audit_and_grant", "grant_pinning"),
]


@pytest.fixture
def roles(django_db_blocker):
    """Live-server tests run in real transactions and the database is flushed after each, roles included;
    re-run the role migrations (they are idempotent) so those tests see the desk as migrate leaves it."""
    import importlib

    from django.apps import apps

    for module, function in ROLE_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


# --- Browser tests: Debian's Chromium and chromedriver against pytest-django's live server. ---------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


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
    from articles.models import Article

    return Article.objects.get(title="江西省“精准服务台企月”活动卓有成效")


def visible_text(browser, selector):
    from selenium.webdriver.common.by import By

    element = browser.find_element(By.CSS_SELECTOR, selector)
    assert element.is_displayed(), selector
    rect = element.rect
    assert rect["width"] > 0 and rect["height"] > 0, selector
    return " ".join(element.text.split())




def admin_log_in(browser, live_server, username, password, next_path):
    """Log in through the admin's own login form, landing on next_path."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{live_server.url}/admin/login/?next={next_path}")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(password, Keys.ENTER)


def type_in_body(wait, text):
    """Type into the article form's rich-text editor (django-prose-editor's ProseMirror)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    editor = wait.until(ready.element_to_be_clickable((By.CSS_SELECTOR, ".field-body [contenteditable=true]")))
    editor.click()
    editor.send_keys(text)


def choose_section(browser, wait, name):
    """Pick the article's section in the admin's autocomplete (select2) box."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready

    browser.find_element(By.CSS_SELECTOR, ".field-section .select2-selection").click()
    wait.until(ready.visibility_of_element_located((By.CSS_SELECTOR, ".select2-search__field"))).send_keys(name)
    option = f"//li[contains(@class, 'select2-results__option') and text()='{name}']"
    wait.until(ready.element_to_be_clickable((By.XPATH, option))).click()
    # Select2 moves focus on the next click after a choice; click a neutral spot first, as people do.
    browser.find_element(By.CSS_SELECTOR, "#content h1").click()
