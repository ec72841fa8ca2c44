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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/sections/yaowen/?page=%00",
        "/admin/articles/article/?status__exact=%00",
        "/admin/autocomplete/?term=%00&app_label=articles&model_name=relatedlink&field_name=target",
    ],
)
def test_a_nul_byte_in_the_query_string_is_a_clear_400_not_a_500(admin_client, url):
    admin_client.raise_request_exception = False

    response = admin_client.get(url)

    assert response.status_code == 400
    assert "空字符" in response.content.decode()
