"""置顶: a 主编 pins a live article as the home page's headline, for a while or until unpinned."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.conftest import parse_html, texts
from tests.factories import ArticleFactory, SectionFactory
from tests.workflow.conftest import change_url, db_state, messages_of, open_form, press
from tests.workflow.test_schedule import SharedCache
from workflow.models import AuditEntry, SectionAssignment

pytestmark = pytest.mark.django_db

CHANGELIST_URL = reverse("admin:articles_article_changelist")


def headline(client):
    return texts(parse_html(client.get("/")), ".headline-title")


def run_action(client, action, articles, **extra):
    """Tick articles in the admin's list and run a bulk action, as a browser would."""
    data = {"action": action, "_selected_action": [a.pk for a in articles], "index": "0", **extra}
    return client.post(CHANGELIST_URL, data, follow=True)


@pytest.fixture
def older_and_newer():
    section = SectionFactory(name="要闻", slug="yaowen")
    older = ArticleFactory(title="台企服务月启动", section=section, published_at=timezone.now() - timedelta(days=3))
    newer = ArticleFactory(title="两岸青年交流", section=section, published_at=timezone.now() - timedelta(hours=1))
    return older, newer


def test_chief_editor_pins_an_older_article_and_the_cached_home_page_shows_it_at_once(client, chief, older_and_newer):
    older, newer = older_and_newer
    client.force_login(chief)
    before = client.get("/")
    assert texts(parse_html(before), ".headline-title") == ["两岸青年交流"]

    response = run_action(client, "pin_selected", [older])

    assert "已置顶 1 篇稿件。" in messages_of(response)
    assert "首页头条现在是“台企服务月启动”。" in messages_of(response)
    # Same URL, same (locmem) page cache: the ETag moved with the pin, so nothing stale is served.
    after = client.get("/")
    assert after["ETag"] != before["ETag"]
    assert texts(parse_html(after), ".headline-title") == ["台企服务月启动"]
    entry = AuditEntry.objects.get(article=older, action=AuditEntry.Action.PINNED)
    assert entry.actor == chief and entry.comment == "置顶,不设截止时间"


def test_admin_list_shows_and_filters_pinned_articles(client, chief, older_and_newer):
    older, newer = older_and_newer
    older.pin(by=chief, until=timezone.now() + timedelta(days=1))
    client.force_login(chief)

    page = parse_html(client.get(CHANGELIST_URL, {"pin": "live"}))

    assert texts(page, "#result_list .field-title") == ["台企服务月启动"]
    assert texts(page, "#result_list .field-pin_state")[0].startswith("置顶中,至 ")


def test_unpinning_gives_the_headline_back_to_the_newest_article(client, chief, older_and_newer):
    older, newer = older_and_newer
    older.pin(by=chief)
    client.force_login(chief)
    assert headline(client) == ["台企服务月启动"]

    response = run_action(client, "unpin_selected", [older])

    assert "已取消置顶 1 篇稿件。" in messages_of(response)
    assert headline(client) == ["两岸青年交流"]
    older.refresh_from_db()
    assert older.pinned_at is None and older.pinned_until is None
    assert AuditEntry.objects.filter(article=older, action=AuditEntry.Action.UNPINNED, actor=chief).exists()


def test_the_most_recently_pinned_article_leads_when_several_are_pinned(client, chief, older_and_newer):
    older, newer = older_and_newer
    oldest = ArticleFactory(title="最早的稿件", published_at=timezone.now() - timedelta(days=9))
    with time_machine.travel(timezone.now() - timedelta(minutes=5)):
        older.pin(by=chief)
    oldest.pin(by=chief)

    assert headline(client) == ["最早的稿件"]


@pytest.mark.parametrize("role", ["editor_a", "reporter"])
def test_editors_and_reporters_are_not_offered_pinning_and_a_crafted_post_is_403(client, request, role, chief, older_and_newer):
    older, newer = older_and_newer
    newer.pin(by=chief)
    client.force_login(request.getfixturevalue(role))
    page = client.get(CHANGELIST_URL).content.decode()
    assert "pin_selected" not in page and "unpin_selected" not in page
    before = db_state()

    for action in ["pin_selected", "unpin_selected"]:
        response = run_action(client, action, [older, newer])
        assert response.status_code == 403
        assert "的权限" in " ".join(messages_of(response))

    assert db_state() == before
    assert headline(client) == ["两岸青年交流"]


def test_the_verbs_refuse_roles_and_sections_without_the_right(editor_a, chief, older_and_newer):
    older, newer = older_and_newer
    with pytest.raises(PermissionDenied):
        older.pin(by=editor_a)
    # A 主编 limited to another section may not pin here either.
    SectionAssignment.objects.create(user=chief, section=SectionFactory(name="两岸情", slug="liangan"))
    with pytest.raises(PermissionDenied):
        older.pin(by=chief)
    older.refresh_from_db()
    assert older.pinned_at is None


def test_on_a_one_stage_desk_editors_may_pin(client, settings, editor_a, older_and_newer):
    settings.NEWSDESK = {**settings.NEWSDESK, "REVIEW_STAGES": 1}
    older, newer = older_and_newer
    client.force_login(editor_a)

    run_action(client, "pin_selected", [older])

    assert headline(client) == ["台企服务月启动"]


@pytest.mark.parametrize(
    "traits, state",
    [({"draft": True}, "草稿"), ({"scheduled": True}, "已排期"), ({"withdrawn": True}, "已撤稿")],
)
def test_only_articles_readers_can_see_can_be_pinned(client, chief, older_and_newer, traits, state):
    hidden = ArticleFactory(title="读者看不到的稿件", **traits)
    client.force_login(chief)
    before = db_state()

    response = run_action(client, "pin_selected", [hidden])

    assert f"未处理 “读者看不到的稿件”:稿件当前状态是“{state}”,只有读者看得到的稿件可以置顶。" in messages_of(response)
    assert db_state() == before
    assert headline(client) == ["两岸青年交流"]


@pytest.mark.parametrize(
    "value, message",
    [("明天中午", "没有置顶。置顶截止:输入一个有效的日期/时间。"), ("2001-01-01T08:00", "没有置顶。置顶截止:必须晚于现在。")],
)
def test_a_bad_pin_end_is_reported_and_nothing_is_pinned(client, chief, older_and_newer, value, message):
    older, newer = older_and_newer
    client.force_login(chief)
    before = db_state()

    response = run_action(client, "pin_selected", [older], pin_until=value)

    assert message in messages_of(response)
    assert db_state() == before


def test_a_pinned_article_that_is_withdrawn_or_expires_leaves_the_headline(client, chief, older_and_newer):
    older, newer = older_and_newer
    older.pin(by=chief)
    older.withdraw(by=chief)
    assert headline(client) == ["两岸青年交流"]

    expires = timezone.now() + timedelta(hours=2)
    Article.objects.filter(pk=newer.pk).update(expires_at=expires)
    newer.pin(by=chief)
    assert headline(client) == ["两岸青年交流"]
    with time_machine.travel(expires + timedelta(seconds=1), tick=False):
        assert headline(client) == []  # nothing else is public: no headline at all, never the expired one


def test_pin_stops_at_its_end_time_within_a_minute_with_no_command(client, chief, older_and_newer):
    older, newer = older_and_newer
    # Mid-hour, so the hourly refresh bucket in the ETag (newsdesk.http) cannot be what refreshes the page.
    until = (timezone.localtime() + timedelta(days=1)).replace(minute=30, second=0, microsecond=0)
    client.force_login(chief)
    run_action(client, "pin_selected", [older], pin_until=until.strftime("%Y-%m-%dT%H:%M"))
    older.refresh_from_db()
    assert older.pinned_until == until
    client.logout()
    # A shared cache in front of the site, and the site's own page cache (locmem, as in production).
    shared = SharedCache(client)

    def shared_headline():
        return texts(parse_html(shared.get("/")), ".headline-title")

    with time_machine.travel(until - timedelta(seconds=1), tick=False):
        assert shared_headline() == ["台企服务月启动"]
    with time_machine.travel(until + timedelta(seconds=60), tick=False):
        assert shared_headline() == ["两岸青年交流"]
        assert not older.is_pinned()


def test_database_refuses_a_pin_end_without_a_pin_or_before_it():
    with pytest.raises(IntegrityError):
        ArticleFactory(pinned_until=timezone.now() + timedelta(hours=1))


# The same verbs on the article's own form: the 置顶 buttons save the form's edits first, like every workflow button.


def offered(client, article):
    """The workflow buttons and the 置顶截止 box the change form offers this user now."""
    form = parse_html(client.get(change_url(article))).get_element_by_id("article_form")
    buttons = [e.get("name") for e in form.cssselect(".submit-row input[type=submit]")]
    return [name for name in buttons if name in ("_pin", "_unpin")], bool(form.cssselect("input[name=pin_until]"))


def test_chief_editor_pins_from_the_article_form_with_the_edits_saved(client, chief, older_and_newer):
    older, newer = older_and_newer
    client.force_login(chief)
    assert offered(client, older) == (["_pin"], True)

    response = press(client, older, "_pin", title="台企服务月启动仪式")

    assert response.status_code == 302
    notes = messages_of(client.get(response.url))
    assert "“台企服务月启动仪式”已置顶为首页头条。" in notes
    assert "首页头条现在是“台企服务月启动仪式”。" in notes
    assert headline(client) == ["台企服务月启动仪式"]
    older.refresh_from_db()
    assert older.pinned_until is None and older.is_pinned()
    entry = AuditEntry.objects.get(article=older, action=AuditEntry.Action.PINNED)
    assert entry.actor == chief and entry.comment == "置顶,不设截止时间"
    # Once pinned the form offers 取消置顶 as well, and 置顶 again to move or end it differently.
    assert offered(client, older) == (["_pin", "_unpin"], True)


def test_chief_editor_pins_from_the_article_form_until_an_end_time(client, chief, older_and_newer):
    older, newer = older_and_newer
    until = (timezone.localtime() + timedelta(days=1)).replace(second=0, microsecond=0)
    client.force_login(chief)

    response = press(client, older, "_pin", pin_until=until.strftime("%Y-%m-%dT%H:%M"))

    assert response.status_code == 302
    assert f"“台企服务月启动”已置顶为首页头条,至 {until:%Y-%m-%d %H:%M}。" in messages_of(client.get(response.url))
    older.refresh_from_db()
    assert older.pinned_until == until
    assert headline(client) == ["台企服务月启动"]
    with time_machine.travel(until + timedelta(seconds=1), tick=False):
        assert headline(client) == ["两岸青年交流"]


def test_chief_editor_unpins_from_the_article_form(client, chief, older_and_newer):
    older, newer = older_and_newer
    older.pin(by=chief)
    client.force_login(chief)
    assert headline(client) == ["台企服务月启动"]

    response = press(client, older, "_unpin")

    assert response.status_code == 302
    assert "“台企服务月启动”已取消置顶。" in messages_of(client.get(response.url))
    assert headline(client) == ["两岸青年交流"]
    older.refresh_from_db()
    assert older.pinned_at is None
    assert AuditEntry.objects.filter(article=older, action=AuditEntry.Action.UNPINNED, actor=chief).exists()


def test_editor_on_a_three_stage_desk_is_not_offered_pinning_on_the_form_and_a_crafted_press_is_403(
    client, chief, editor_a, older_and_newer
):
    older, newer = older_and_newer
    newer.pin(by=chief)
    client.force_login(chief)
    pin_data, unpin_data = open_form(client, older), open_form(client, newer)  # as someone allowed would post
    client.force_login(editor_a)
    assert offered(client, older) == ([], False)
    assert offered(client, newer) == ([], False)
    before = db_state()

    assert press(client, older, "_pin", data=pin_data).status_code == 403
    assert press(client, newer, "_unpin", data=unpin_data).status_code == 403

    assert db_state() == before
    assert headline(client) == ["两岸青年交流"]


def test_a_publisher_without_the_pin_right_gets_403_from_the_form_itself(client, chief, editor_a, older_and_newer):
    # May edit a published article (it may publish), so only the 置顶 check itself stands in the way.
    older, newer = older_and_newer
    editor_a.user_permissions.add(Permission.objects.get(codename="publish_article"))
    client.force_login(chief)
    data = open_form(client, older)
    client.force_login(editor_a)
    assert offered(client, older) == ([], False)
    before = db_state()

    response = press(client, older, "_pin", data=data, title="偷偷改的标题")

    assert response.status_code == 403
    assert messages_of(response) == ["你没有置顶稿件的权限。"]
    assert db_state() == before


def test_a_draft_is_not_offered_pinning_and_a_crafted_press_is_refused_on_the_form(client, chief, older_and_newer):
    draft = ArticleFactory(title="读者看不到的稿件", draft=True)
    client.force_login(chief)
    assert offered(client, draft) == ([], False)
    before = db_state()

    response = press(client, draft, "_pin", title="改过的标题")

    assert response.status_code == 200
    assert "稿件当前状态是“草稿”,只有读者看得到的稿件可以置顶。" in messages_of(response)
    assert parse_html(response).get_element_by_id("id_title").value == "改过的标题"  # the editor's text is kept
    assert db_state() == before
    assert headline(client) == ["两岸青年交流"]


@pytest.mark.parametrize(
    "value, message", [("2001-01-01T08:00", "必须晚于现在。"), ("明天中午", "输入一个有效的日期/时间。")]
)
def test_a_bad_pin_end_on_the_form_is_a_field_error_and_nothing_is_saved(client, chief, older_and_newer, value, message):
    older, newer = older_and_newer
    client.force_login(chief)
    open_form(client, older)
    before = db_state()

    response = press(client, older, "_pin", pin_until=value, title="改过的标题")

    assert response.status_code == 200
    page = parse_html(response)
    assert texts(page, ".pin-until .errorlist li") == [message]
    assert page.get_element_by_id("id_title").value == "改过的标题"
    assert page.get_element_by_id("id_pin_until").value == value
    assert db_state() == before
    assert headline(client) == ["两岸青年交流"]


def test_a_stray_pin_end_does_not_block_saving_or_other_buttons(client, chief, older_and_newer):
    older, newer = older_and_newer
    client.force_login(chief)

    assert press(client, older, "_save", pin_until="明天中午", title="只是改标题").status_code == 302

    older.refresh_from_db()
    assert older.title == "只是改标题" and older.pinned_at is None


def test_enter_in_a_text_box_saves_and_never_runs_a_workflow_step(client, django_user_model):
    """Browsers submit a form on Enter with its first submit button: on the article form that is 保存."""
    from django.contrib.auth.models import Group

    from tests.conftest import parse_html
    from tests.factories import ArticleFactory

    chief = django_user_model.objects.create_user("enter-chief", password="x", is_staff=True)
    chief.groups.add(Group.objects.get(name="主编"))
    client.force_login(chief)
    article = ArticleFactory()  # published: 撤下, 置顶 and 更正 are all on offer

    page = parse_html(client.get(f"/admin/articles/article/{article.pk}/change/"))
    buttons = [b.get("name") for b in page.get_element_by_id("article_form").cssselect('input[type="submit"], button[type="submit"]')]

    assert buttons[0] == "_save"
    assert {"_withdraw", "_pin"} <= set(buttons)
