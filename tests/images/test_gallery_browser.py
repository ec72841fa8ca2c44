"""A reader pages through a picture story in Chromium with the arrow keys and the buttons."""

import pytest
from django.core.management import call_command

from articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("roles")]


def current_slide(browser):
    return browser.execute_script(
        "const t = document.querySelector('.gallery-track');"
        "return Math.round(t.scrollLeft / t.clientWidth);"
    )


def wait_for_slide(browser, index):
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 5).until(lambda b: current_slide(b) == index)


def test_reader_pages_through_a_picture_story_with_arrow_keys_and_buttons(browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    call_command("load_demo", verbosity=0)
    story = Article.objects.get(title="图集:庐山云海迎台湾游客")
    browser.get(live_server.url + story.get_absolute_url())

    status = browser.find_element(By.CSS_SELECTOR, ".gallery-status")
    assert status.is_displayed() and status.text == "1 / 3"
    track = browser.find_element(By.CSS_SELECTOR, ".gallery-track")
    track.send_keys(Keys.ARROW_RIGHT)
    wait_for_slide(browser, 1)
    assert status.text == "2 / 3"
    second = browser.find_elements(By.CSS_SELECTOR, ".gallery-slide")[1]
    assert second.find_element(By.CSS_SELECTOR, "figcaption").is_displayed()
    assert browser.execute_script("return arguments[0].querySelector('img').currentSrc", second).endswith(
        (".avif", ".webp")
    )

    browser.find_element(By.CSS_SELECTOR, ".gallery-next").click()
    wait_for_slide(browser, 2)
    assert status.text == "3 / 3"
    assert not browser.find_element(By.CSS_SELECTOR, ".gallery-next").is_enabled()

    track.send_keys(Keys.ARROW_LEFT)
    wait_for_slide(browser, 1)
    assert status.text == "2 / 3"
