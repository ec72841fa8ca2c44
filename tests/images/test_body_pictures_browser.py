"""An editor inserts a library picture into the body from the article form, in Chromium, and readers see it."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from images.models import Image
from tests.conftest import admin_log_in, choose_section, type_in_body
from tests.factories import SectionFactory

from . import pictures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles")]


def test_editor_inserts_a_library_picture_into_the_body_and_readers_see_it(browser, live_server, settings):
    # A one-stage desk, where the 编辑 who writes may also publish (see README, 审稿流程).
    settings.NEWSDESK = settings.NEWSDESK | {"REVIEW_STAGES": 1}
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    SectionFactory(name="要闻", slug="yaowen")
    image = Image.objects.create(
        file=SimpleUploadedFile("boat.jpg", pictures.photo(size=(1200, 800))),
        title="端午龙舟", alt_text="龙舟冲过终点", caption="端午龙舟赛", credit="陈思远",
    )
    user = User.objects.create_user("mayina", password="pw-for-browser", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    wait = WebDriverWait(browser, 10)

    admin_log_in(browser, live_server, "mayina", "pw-for-browser", "/admin/articles/article/add/")
    wait.until(ready.presence_of_element_located((By.NAME, "title"))).send_keys("正文配图的稿件")
    type_in_body(wait, "龙舟赛开幕。")

    form_window = browser.current_window_handle
    browser.find_element(By.CSS_SELECTOR, ".field-body .body-library-button").click()
    wait.until(lambda b: len(b.window_handles) == 2)
    browser.switch_to.window(next(h for h in browser.window_handles if h != form_window))
    # The library popup, searchable, with thumbnails; choosing a picture closes it.
    wait.until(ready.element_to_be_clickable((By.XPATH, "//table[@id='result_list']//a[text()='端午龙舟']"))).click()
    wait.until(lambda b: len(b.window_handles) == 1)
    browser.switch_to.window(form_window)
    inserted = wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".field-body .ProseMirror figure img")))
    assert inserted.get_attribute("alt") == "龙舟冲过终点"

    choose_section(browser, wait, "要闻")
    browser.find_element(By.NAME, "_publish").click()

    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, ".messagelist")))
    article = Article.objects.get(title="正文配图的稿件")
    assert article.is_published()
    assert f'data-file="{image.pk}"' in article.body

    browser.get(live_server.url + article.get_absolute_url())
    picture = browser.find_element(By.CSS_SELECTOR, ".article-body figure picture img")
    browser.execute_script("arguments[0].scrollIntoView()", picture)
    wait.until(lambda b: b.execute_script("return arguments[0].complete && arguments[0].naturalWidth", picture))
    assert picture.get_attribute("alt") == "龙舟冲过终点"
    assert browser.find_element(By.CSS_SELECTOR, ".article-body figcaption").text == "端午龙舟赛 (陈思远)"
