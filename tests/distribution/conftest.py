from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, BylineFactory, EditorFactory, ImageFactory, SectionFactory

HOSTILE_TITLE = '“引号”\'单\' "双" </script><script>alert(1)</script> & 更多'


@pytest.fixture
def desk():
    """A section with published, draft, scheduled and withdrawn articles; the newest has a cover, a body with
    relative links and images, an editor and a reporter."""
    now = timezone.now()
    section = SectionFactory(name="要闻", slug="yaowen", description="两岸要闻。")
    other = SectionFactory(name="两岸情", slug="liangan")
    editor = EditorFactory(name="马一娜")
    reporter = EditorFactory(name="陈思远")
    new = ArticleFactory(
        title="最新",
        summary="最新的导语",
        section=section,
        tags=["台企", "江西"],
        editor=editor,
        published_at=now - timedelta(hours=1),
        cover=ImageFactory(alt_text="封面"),
        body='<p>第一段,<a href="/articles/1/">站内链接</a>。</p><figure><img src="/media/images/body.jpg" alt="图"></figure>'
        '<p><a href="https://example.com/x">外部链接</a></p>',
    )
    BylineFactory(article=new, editor=reporter)
    return {
        "section": section,
        "editor": editor,
        "reporter": reporter,
        "new": new,
        "old": ArticleFactory(title="较早", section=section, tags=["台企"], editor=editor, published_at=now - timedelta(hours=3)),
        "elsewhere": ArticleFactory(title="别的栏目", section=other, tags=["文化"], published_at=now - timedelta(hours=2)),
        "draft": ArticleFactory(title="草稿", section=section, tags=["台企"], editor=editor, draft=True),
        "scheduled": ArticleFactory(title="预约", section=section, tags=["台企"], editor=editor, scheduled=True),
        "withdrawn": ArticleFactory(title="撤稿", section=section, tags=["台企"], editor=editor, withdrawn=True),
    }


UNPUBLISHED = {"草稿", "预约", "撤稿"}


def feed_urls(desk):
    """Every feed of the desk, RSS and Atom: site, section, tag and editor."""
    editor = desk["editor"].pk
    return [
        "/feed/", "/feed/atom/",
        "/sections/yaowen/feed/", "/sections/yaowen/feed/atom/",
        "/tags/台企/feed/", "/tags/台企/feed/atom/",
        f"/editors/{editor}/feed/", f"/editors/{editor}/feed/atom/",
    ]


@pytest.fixture(autouse=True)
def _no_refresh_rollover_mid_test(settings):
    # ETags fold in a time bucket (DISTRIBUTION_REFRESH_SECONDS); a test that happened to straddle a
    # bucket boundary would see an ETag change it did not cause.
    settings.NEWSDESK = settings.NEWSDESK | {"DISTRIBUTION_REFRESH_SECONDS": 10**9}
