"""What the editorial workflow owns: who may work where, approvals, the audit trail, revisions,
shareable preview links and who has an article open. Articles only point here through their verbs."""

import secrets

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

PREVIEW_SALT = "newsdesk.workflow.preview"


class SectionAssignment(models.Model):
    """Limits a user to some sections. A user with no assignment works desk-wide."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="section_assignments"
    )
    section = models.ForeignKey(
        "sections.Section", verbose_name="栏目", on_delete=models.CASCADE, related_name="assignments"
    )

    class Meta:
        verbose_name = "栏目权限"
        verbose_name_plural = "栏目权限"
        constraints = [models.UniqueConstraint(fields=["user", "section"], name="assignment_once_per_section")]

    def __str__(self):
        return f"{self.user} · {self.section}"


class Approval(models.Model):
    """One stage passed by one person. The database itself refuses a second stage by the same person."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="approvals")
    round = models.PositiveIntegerField("送审轮次")
    stage = models.CharField("审级", max_length=20)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="article_approvals"
    )
    approved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "round", "stage"], name="approval_once_per_stage"),
            models.UniqueConstraint(fields=["article", "round", "approver"], name="approval_one_stage_per_person"),
        ]


class AuditEntry(models.Model):
    """Append-only: rows are only ever inserted. Names are copied so the record outlives users and articles."""

    class Action(models.TextChoices):
        CREATED = "created", "新建"
        EDITED = "edited", "修改"
        SUBMITTED = "submitted", "提交审核"
        APPROVED = "approved", "审核通过"
        SENT_BACK = "sent_back", "退回"
        PUBLISHED = "published", "发布"
        IMPORTED = "imported", "导入(原站已发布)"
        SCHEDULED = "scheduled", "排期发布"
        WITHDRAWN = "withdrawn", "撤下"
        CORRECTED = "corrected", "更正"
        PINNED = "pinned", "置顶"
        UNPINNED = "unpinned", "取消置顶"
        RESTORED = "restored", "恢复版本"
        PREVIEW_SHARED = "preview_shared", "生成预览链接"
        PREVIEW_REVOKED = "preview_revoked", "撤销预览链接"

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    article = models.ForeignKey(
        "articles.Article", verbose_name="稿件", null=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    article_title = models.CharField("稿件标题", max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    action = models.CharField("操作", max_length=20, choices=Action)
    stage = models.CharField("审级", max_length=10, blank=True)
    from_status = models.CharField("原状态", max_length=20, blank=True)
    to_status = models.CharField("新状态", max_length=20, blank=True)
    comment = models.TextField("意见/说明", blank=True)
    revision = models.PositiveIntegerField("版本", null=True, blank=True)

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.actor_name or '系统'} {self.get_action_display()} {self.article_title}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("审计记录只能追加,不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("审计记录只能追加,不能删除。")

    def status_label(self, value):
        from articles.models import Article

        return dict(Article.Status.choices).get(value, value)

    @property
    def from_status_label(self):
        return self.status_label(self.from_status)

    @property
    def to_status_label(self):
        return self.status_label(self.to_status)


class Revision(models.Model):
    """A JSON snapshot of an article's content after one save, including tags, bylines and related links."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField("版本")
    snapshot = models.JSONField()
    created_at = models.DateTimeField("保存时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="保存人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "版本"
        verbose_name_plural = "版本"
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="revision_number_once")]

    def __str__(self):
        return f"第 {self.number} 版"


class PreviewLinkQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A signed, expiring, revocable link to an unpublished article for people without a login."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="preview_links")
    key = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe, editable=False)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField("失效时间")
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = "预览链接"
        verbose_name_plural = "预览链接"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=models.F("created_at")), name="preview_expires_after_creation")
        ]

    @property
    def token(self):
        # Signed so that a guessed or truncated key is refused before the database is asked.
        return signing.Signer(salt=PREVIEW_SALT).sign(self.key)

    def get_absolute_url(self):
        return reverse("workflow:shared_preview", kwargs={"token": self.token})

    def is_live(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @classmethod
    def from_token(cls, token):
        try:
            key = signing.Signer(salt=PREVIEW_SALT).unsign(token)
        except signing.BadSignature:
            return None
        return cls.objects.live().select_related("article").filter(key=key).first()


class EditPresence(models.Model):
    """Who has an article's form open, and since when. Advisory: the version check is what prevents lost edits."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="presence_once_per_user")]
