import pytest

from articles.sanitize import sanitize_body
from tests.factories import ArticleFactory


@pytest.mark.parametrize(
    "dirty, forbidden",
    [
        ('<p>正文</p><script>alert("x")</script>', "script"),
        ("<p onclick=\"alert(1)\">正文</p>", "onclick"),
        ('<img src="x.jpg" onerror="alert(1)" alt="图">', "onerror"),
        ('<a href="javascript:alert(1)">点我</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">点我</a>', "alert"),
        ('<p style="color:red">正文</p>', "style"),
        ("<iframe src=\"https://evil.example\"></iframe><p>正文</p>", "iframe"),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="图">', "data:"),
    ],
)
def test_sanitizer_removes_executable_markup(dirty, forbidden):
    cleaned = sanitize_body(dirty)
    assert forbidden not in cleaned.lower()


def test_sanitizer_keeps_allowed_markup():
    html = (
        "<h2>小标题</h2><p>段落,<strong>加粗</strong>和<em>强调</em>。</p>"
        "<ul><li>一</li></ul><ol><li>二</li></ol><blockquote><p>引文</p></blockquote>"
        '<p><a href="https://www.taiwan.cn/">链接</a></p>'
        '<figure><img src="https://example.com/a.jpg" alt="说明" width="640" height="480"><figcaption>图片说明</figcaption></figure>'
    )
    cleaned = sanitize_body(html)
    for fragment in [
        "<h2>小标题</h2>",
        "<strong>加粗</strong>",
        "<em>强调</em>",
        "<ul><li>一</li></ul>",
        "<blockquote><p>引文</p></blockquote>",
        'href="https://www.taiwan.cn/"',
        'alt="说明"',
        "<figcaption>图片说明</figcaption>",
    ]:
        assert fragment in cleaned


def test_script_text_is_dropped_not_shown():
    assert sanitize_body("<p>好</p><script>var secret = 1;</script>") == "<p>好</p>"


@pytest.mark.django_db
def test_article_body_is_sanitized_on_every_save_not_only_in_forms():
    article = ArticleFactory(body='<p onmouseover="steal()">正文</p><script>steal()</script>')
    article.refresh_from_db()
    assert article.body == "<p>正文</p>"
