import pytest

from tests.conftest import parse_html, texts


@pytest.mark.django_db
@pytest.mark.urls("tests.newsdesk.broken_urls")
def test_server_error_shows_a_chinese_page_without_details(client):
    client.raise_request_exception = False

    response = client.get("/broken/")

    assert response.status_code == 500
    page = parse_html(response)
    assert page.get("lang") == "zh-Hans"
    assert texts(page, "h1") == ["服务器出了点问题"]
    assert "simulated failure" not in response.content.decode()
