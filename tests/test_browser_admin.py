"""An editor writes an article in the admin's rich-text editor, in a real browser, and publishes it."""

import pytest
from django.contrib.auth.models import Group, User

from articles.models import Article
from tests.conftest import admin_log_in, choose_section, type_in_body
from tests.factories import SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles")]


def test_editor_types_in_the_rich_text_editor_and_publishes(browser, live_server, settings):
    # A one-stage desk, where the 编辑 who writes may also publish (see README, 审稿流程).
    settings.NEWSDESK = settings.NEWSDESK | {"REVIEW_STAGES": 1}
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    SectionFactory(name="要闻", slug="yaowen")
    user = User.objects.create_user("mayina", password="pw-for-browser", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    wait = WebDriverWait(browser, 10)

    admin_log_in(browser, live_server, "mayina", "pw-for-browser", "/admin/articles/article/add/")
    wait.until(ready.presence_of_element_located((By.NAME, "title"))).send_keys("浏览器里写的稿件")
    type_in_body(wait, "第一段正文。")
    choose_section(browser, wait, "要闻")
    browser.find_element(By.NAME, "_publish").click()

    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".messagelist")))
    article = Article.objects.get(title="浏览器里写的稿件")
    assert article.is_published()
    assert article.body == "<p>第一段正文。</p>"
    assert article.section.slug == "yaowen"

    browser.get(live_server.url + article.get_absolute_url())
    assert browser.find_element(By.CSS_SELECTOR, ".article-body").text == "第一段正文。"
