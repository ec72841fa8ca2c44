"""三审三校 in a real browser: a 记者 submits, two 编辑 pass 初审 and 复审, a 主编 passes 终审, publishes and pins."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from articles.models import Article
from tests.conftest import admin_log_in, choose_section, type_in_body
from tests.factories import ArticleFactory, SectionFactory
from workflow.models import Approval

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles")]


def test_three_people_review_and_a_chief_editor_publishes_and_pins_through_the_admin(browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    SectionFactory(name="要闻", slug="yaowen")
    for username, group in [("jizhe", "记者"), ("bianji_a", "编辑"), ("bianji_b", "编辑"), ("zhubian", "主编")]:
        User.objects.create_user(username, password="pw-for-browser", is_staff=True).groups.add(Group.objects.get(name=group))
    wait = WebDriverWait(browser, 10)

    def log_in(username, path):
        browser.delete_all_cookies()
        admin_log_in(browser, live_server, username, "pw-for-browser", path)
        wait.until(lambda driver: "/login/" not in driver.current_url)

    def click_and_read_messages(element):
        element.click()
        # Wait for the next page, so the message read is the one this click produced.
        wait.until(ready.staleness_of(element))
        return wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".messagelist"))).text

    def press(button):
        return click_and_read_messages(wait.until(ready.element_to_be_clickable((By.NAME, button))))

    # 记者 writes and submits.
    log_in("jizhe", "/admin/articles/article/add/")
    wait.until(ready.presence_of_element_located((By.NAME, "title"))).send_keys("三审三校的稿件")
    type_in_body(wait, "经过三个人审核的正文。")
    choose_section(browser, wait, "要闻")
    assert "已提交审核" in press("_submit")
    article = Article.objects.get(title="三审三校的稿件")
    assert article.status == Article.Status.FIRST_REVIEW
    change = f"/admin/articles/article/{article.pk}/change/"

    # Two different 编辑 pass 初审 and 复审; the first is not offered a second stage.
    log_in("bianji_a", change)
    assert "已通过审核" in press("_approve")
    browser.get(live_server.url + change)
    assert not browser.find_elements(By.NAME, "_approve")
    log_in("bianji_b", change)
    assert "已通过审核" in press("_approve")
    article.refresh_from_db()
    assert article.status == Article.Status.FINAL_REVIEW

    # The 主编 passes 终审 and publishes in one step.
    log_in("zhubian", change)
    assert "已发布" in press("_publish")
    article.refresh_from_db()
    assert article.is_published()
    assert sorted(Approval.objects.filter(article=article).values_list("stage", "approver__username")) == [
        ("final_review", "zhubian"), ("first_review", "bianji_a"), ("second_review", "bianji_b"),
    ]

    browser.get(live_server.url + article.get_absolute_url())
    assert browser.find_element(By.CSS_SELECTOR, "h1").text == "三审三校的稿件"
    assert browser.find_element(By.CSS_SELECTOR, ".article-body").text == "经过三个人审核的正文。"

    # A newer article takes the headline; the 主编 pins ours back with the list's action menu.
    ArticleFactory(title="更新的一篇稿件", section=article.section, published_at=timezone.now())
    browser.get(live_server.url + "/admin/articles/article/")
    browser.find_element(By.CSS_SELECTOR, f"input[name=_selected_action][value='{article.pk}']").click()
    Select(browser.find_element(By.NAME, "action")).select_by_value("pin_selected")
    messages = click_and_read_messages(browser.find_element(By.CSS_SELECTOR, ".actions button[type=submit]"))
    assert "首页头条现在是“三审三校的稿件”" in messages

    browser.get(live_server.url + "/")
    assert browser.find_element(By.CSS_SELECTOR, ".headline-title").text == "三审三校的稿件"
