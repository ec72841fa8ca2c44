"""The state machine behind Article's verbs: check, then write state, approval and audit in one transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import Approval, AuditEntry
from .rules import STAGE_NAMES, WorkflowError, can_edit, may, pipeline, sections_outside, stage_permission

ACTIONS = ["submit", "approve", "send_back", "publish", "withdraw", "correct", "pin", "unpin"]


def _status():
    from articles.models import Article

    return Article.Status


def _deny(message):
    raise PermissionDenied(message)


def _check_sections(article, user, extra_section_ids):
    if extra_section_ids is None:
        extra_section_ids = list(article.extra_sections.values_list("pk", flat=True)) if article.pk else []
    outside = sections_outside(user, [article.section_id, *extra_section_ids])
    if outside:
        from sections.models import Section

        names = "、".join(Section.objects.filter(pk__in=outside).values_list("name", flat=True))
        _deny(f"你没有在栏目“{names}”工作的权限。")


def approvals_this_round(article):
    return Approval.objects.filter(article=article, round=article.review_round)


def _check_approve(article, user, stage):
    if user is None:
        return
    if not may(user, stage_permission(stage)):
        _deny(f"你没有{STAGE_NAMES[stage]}的权限。")
    previous = approvals_this_round(article).filter(approver=user).first() if article.pk else None
    if previous:
        raise WorkflowError(
            f"你已通过本稿的{STAGE_NAMES.get(previous.stage, previous.stage)};同一篇稿件的两个审级不能由同一人通过。"
        )


def check(article, action, *, by, comment="", extra_section_ids=None, until=None):
    """Raise PermissionDenied (role or section) before WorkflowError (state or rule): a crafted request gets 403."""
    Status = _status()
    user = by
    if action not in ACTIONS:
        raise WorkflowError(f"未知操作:{action}")
    if user is not None:
        _check_sections(article, user, extra_section_ids)
    status = article.status
    stages = pipeline()

    if action == "submit":
        if user is not None and not (may(user, "submit_article") and can_edit(user, article)):
            _deny("你没有提交这篇稿件审核的权限。")
        if status not in (Status.DRAFT, Status.WITHDRAWN):
            raise WorkflowError(f"稿件当前状态是“{article.get_status_display()}”,只有草稿或已撤下的稿件可以提交审核。")
    elif action == "approve":
        if status not in stages:
            if user is not None and not any(may(user, stage_permission(s)) for s in stages):
                _deny("你没有审核稿件的权限。")
            raise WorkflowError(f"稿件当前状态是“{article.get_status_display()}”,不在审核中。")
        _check_approve(article, user, status)
    elif action == "send_back":
        current = status if status in stages else "final_review"
        if user is not None and not may(user, stage_permission(current)):
            _deny("你没有退回这篇稿件的权限。")
        if status not in stages and status != Status.APPROVED:
            raise WorkflowError(f"稿件当前状态是“{article.get_status_display()}”,不在审核中,不能退回。")
        if not comment.strip():
            raise WorkflowError("退回稿件时请写明退回意见。")
    elif action == "publish":
        if user is not None and not may(user, "publish_article"):
            _deny("你没有发布稿件的权限。")
        if status in (Status.PUBLISHED, Status.APPROVED):
            pass
        elif status == stages[-1]:
            _check_approve(article, user, status)
        elif status in (Status.DRAFT, Status.WITHDRAWN) and len(stages) == 1:
            _check_approve(article, user, stages[-1])
        else:
            remaining = "、".join(STAGE_NAMES[s] for s in stages[stages.index(status) if status in stages else 0 :])
            raise WorkflowError(f"稿件当前状态是“{article.get_status_display()}”,还需通过{remaining}才能发布。")
        if article.pk:
            article.check_pictures_described()
    elif action == "withdraw":
        if user is not None and not may(user, "publish_article"):
            _deny("你没有撤下稿件的权限。")
        if status != Status.PUBLISHED:
            raise WorkflowError("只有已发布或已排期的稿件可以撤下。")
    elif action == "correct":
        if user is not None and not may(user, "publish_article"):
            _deny("你没有发布更正的权限。")
        if not article.is_published():
            raise WorkflowError("只有读者看得到的稿件才能更正;未发布的稿件请直接修改。")
        if not comment.strip():
            raise WorkflowError("请填写更正说明,它会公开显示在稿件页面上。")
    elif action == "pin":
        if user is not None and not may(user, "pin_article"):
            _deny("你没有置顶稿件的权限。")
        # Only what readers can see now: a pin must never put unpublished work on the home page.
        if not article.is_published():
            raise WorkflowError(f"稿件当前状态是“{article.schedule_state}”,只有读者看得到的稿件可以置顶。")
        if until is not None and until <= timezone.now():
            raise WorkflowError("置顶截止必须晚于现在。")
    elif action == "unpin":
        if user is not None and not may(user, "pin_article"):
            _deny("你没有取消置顶的权限。")
        if article.pinned_at is None:
            raise WorkflowError("这篇稿件没有置顶。")


def record(article, action, *, by, from_status="", stage="", comment="", revision=None):
    return AuditEntry.objects.create(
        article=article,
        article_title=article.title,
        actor=by,
        actor_name=(by.get_username() if by else ""),
        action=action,
        stage=STAGE_NAMES.get(stage, stage),
        from_status=from_status,
        to_status=article.status,
        comment=comment,
        revision=revision,
    )


def _lock(article):
    """Re-read the workflow fields under a row lock, so two reviewers can't both pass the same stage."""
    fresh = type(article).objects.select_for_update().only("status", "review_round", "published_at").get(pk=article.pk)
    article.status, article.review_round = fresh.status, fresh.review_round


def _save_state(article, by, *fields):
    article.updated_by = by
    article.save(update_fields=["status", "updated_by", "updated_at", *fields])


@transaction.atomic
def submit(article, *, by, comment=""):
    _lock(article)
    check(article, "submit", by=by, comment=comment)
    before = article.status
    article.status = pipeline()[0]
    article.review_round += 1
    _save_state(article, by, "review_round")
    record(article, AuditEntry.Action.SUBMITTED, by=by, from_status=before, comment=comment)


def _approve(article, by, comment):
    stages = pipeline()
    stage = article.status
    Approval.objects.create(article=article, round=article.review_round, stage=stage, approver=by)
    before = stage
    following = stages.index(stage) + 1
    article.status = stages[following] if following < len(stages) else _status().APPROVED
    _save_state(article, by)
    record(article, AuditEntry.Action.APPROVED, by=by, from_status=before, stage=stage, comment=comment)


@transaction.atomic
def approve(article, *, by, comment=""):
    _lock(article)
    check(article, "approve", by=by, comment=comment)
    _approve(article, by, comment)


@transaction.atomic
def send_back(article, *, by, comment):
    _lock(article)
    check(article, "send_back", by=by, comment=comment)
    before = article.status
    article.status = _status().DRAFT
    _save_state(article, by)
    record(article, AuditEntry.Action.SENT_BACK, by=by, from_status=before, stage=before, comment=comment)


@transaction.atomic
def publish(article, *, by, at=None, comment=""):
    Status = _status()
    _lock(article)
    check(article, "publish", by=by, comment=comment)
    if article.status in (Status.DRAFT, Status.WITHDRAWN):
        # A one-stage desk: the publisher's own approval is the only review.
        before = article.status
        article.status = pipeline()[0]
        article.review_round += 1
        _save_state(article, by, "review_round")
        record(article, AuditEntry.Action.SUBMITTED, by=by, from_status=before)
    if article.status in pipeline():
        _approve(article, by, comment)
    before = article.status
    article.published_at = at or article.published_at or timezone.now()
    article.status = Status.PUBLISHED
    _save_state(article, by, "published_at")
    scheduled = article.published_at > timezone.now()
    record(
        article,
        AuditEntry.Action.SCHEDULED if scheduled else AuditEntry.Action.PUBLISHED,
        by=by,
        from_status=before,
        comment=comment or f"发布时间 {timezone.localtime(article.published_at):%Y-%m-%d %H:%M}",
    )


@transaction.atomic
def publish_archived(article, *, at, source=""):
    """A page captured from an older site went through that site's review and was published there: it
    comes in published at its own time, without this desk's stages, and the audit log says where from.
    Only code run by an operator (manage.py import_pages) calls this; no view or admin action does."""
    Status = _status()
    _lock(article)
    before = article.status
    article.published_at = at
    article.status = Status.PUBLISHED
    _save_state(article, None, "published_at")
    record(article, AuditEntry.Action.IMPORTED, by=None, from_status=before, comment=source)


@transaction.atomic
def withdraw(article, *, by, reason=""):
    _lock(article)
    check(article, "withdraw", by=by, comment=reason)
    before = article.status
    article.status = _status().WITHDRAWN
    _save_state(article, by)
    record(article, AuditEntry.Action.WITHDRAWN, by=by, from_status=before, comment=reason)


@transaction.atomic
def correct(article, *, by, note):
    from articles.models import Correction

    _lock(article)
    check(article, "correct", by=by, comment=note)
    correction = Correction.objects.create(article=article, note=note.strip(), created_by=by)
    # Only the modified time moves; the publish time stays what readers first saw.
    article.updated_by = by
    article.save(update_fields=["updated_by", "updated_at"])
    record(article, AuditEntry.Action.CORRECTED, by=by, from_status=article.status, comment=correction.note)
    return correction


def _lock_for_pin(article):
    """A pin depends on what readers see now: re-read state, times and pin under the row lock."""
    fields = ["status", "published_at", "expires_at", "pinned_at", "pinned_until"]
    fresh = type(article).objects.select_for_update().only(*fields).get(pk=article.pk)
    for name in fields:
        setattr(article, name, getattr(fresh, name))


def _save_pin(article, by):
    # updated_at moves with the pin, so every cached list page and its ETag refresh at once.
    article.updated_by = by
    article.save(update_fields=["pinned_at", "pinned_until", "updated_by", "updated_at"])


@transaction.atomic
def pin(article, *, by, until=None):
    _lock_for_pin(article)
    check(article, "pin", by=by, until=until)
    # Pinning again moves the article back to the top and replaces its 置顶截止.
    article.pinned_at, article.pinned_until = timezone.now(), until
    _save_pin(article, by)
    ends = f"置顶至 {timezone.localtime(until):%Y-%m-%d %H:%M}" if until else "置顶,不设截止时间"
    record(article, AuditEntry.Action.PINNED, by=by, from_status=article.status, comment=ends)


@transaction.atomic
def unpin(article, *, by):
    _lock_for_pin(article)
    check(article, "unpin", by=by)
    article.pinned_at = article.pinned_until = None
    _save_pin(article, by)
    record(article, AuditEntry.Action.UNPINNED, by=by, from_status=article.status)
