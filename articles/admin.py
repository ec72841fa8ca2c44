from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from workflow import revisions
from workflow.models import AuditEntry, EditPresence, PreviewLink, Revision
from workflow.rules import STAGE_NAMES, WorkflowError, can_edit, may, pipeline, sections_outside
from workflow.transitions import approvals_this_round, record

from images.admin import BodyImagePickerWidget, GalleryItemInline, ImagePickerMixin

from .models import Article, Byline, Editor, RelatedLink


@admin.register(Editor)
class EditorAdmin(admin.ModelAdmin):
    list_display = ["name", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "user__username"]
    raw_id_fields = ["user"]


# Editors paste addresses without a scheme; assume https rather than Django 5's legacy http.
URL_FIELDS_HTTPS = {models.URLField: {"assume_scheme": "https"}}

# Submit buttons of the change form → Article verbs. The verb runs after the content is saved, in the
# same transaction as the save (the admin wraps the whole request), so a refusal leaves nothing behind.
ACTION_BUTTONS = {
    "_submit": "submit",
    "_approve": "approve",
    "_send_back": "send_back",
    "_publish": "publish",
    "_withdraw": "withdraw",
    "_correct": "correct",
    "_pin": "pin",
    "_unpin": "unpin",
}
PRESENCE_WINDOW = timedelta(minutes=30)


def requested_action(request):
    return next((action for button, action in ACTION_BUTTONS.items() if button in request.POST), None)


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 0
    autocomplete_fields = ["editor"]
    fields = ["editor", "position"]


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    fk_name = "article"
    formfield_overrides = URL_FIELDS_HTTPS
    extra = 0
    autocomplete_fields = ["target"]
    fields = ["position", "target", "url", "title"]


PIN_UNTIL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]


class PinUntilField(forms.DateTimeField):
    """置顶截止 as typed next to a 置顶 button, in the list's action bar or on the article form: empty
    (pinned until unpinned) or a time still ahead. The one parser of that box for both."""

    def __init__(self, **kwargs):
        super().__init__(label="置顶截止", required=False, input_formats=PIN_UNTIL_FORMATS, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None and value <= timezone.now():
            raise ValidationError("必须晚于现在。", code="past")


def pin_until_box():
    # Plain text, parsed by PinUntilField only when 置顶 is pressed: a mistyped time gets a message naming
    # the field (not the admin's "no action selected"), and a stray value never blocks any other button.
    return forms.CharField(
        label="置顶截止(可留空)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class ArticleAdminForm(forms.ModelForm):
    """The article form plus the optimistic lock (version) and the reviewer's comment."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    workflow_comment = forms.CharField(
        label="审稿意见 / 更正说明",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="退回时必填,记入审计记录;点“发布更正”时,这里的文字作为公开的更正说明显示在稿件页面和 RSS 中。",
    )
    pin_until = pin_until_box()  # shown beside the 置顶 button (submit_line.html), not in a fieldset
    # Set per request by ArticleAdmin.get_form.
    user = None
    action = None

    class Meta:
        model = Article
        # The admin builds the real field list from its fieldsets (with its formfield overrides);
        # naming one field here keeps this base class from building the others without them.
        fields = ["title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.initial["base_version"] = self.instance.version

    def _keep_stored_time(self, name):
        # The admin's time widget shows minutes only; an untouched field must not move a publish time
        # that was set to the second (scripts, the publish verb), or a correction would change it.
        value, stored = self.cleaned_data.get(name), getattr(self.instance, name)
        if value and stored and value in (stored.replace(second=0, microsecond=0), stored.replace(microsecond=0)):
            return stored
        return value

    def clean_published_at(self):
        return self._keep_stored_time("published_at")

    def clean_expires_at(self):
        return self._keep_stored_time("expires_at")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._check_version(cleaned.get("base_version"))
        section = cleaned.get("section")
        extra = cleaned.get("extra_sections") or []
        outside = sections_outside(self.user, [section.pk] if section else [])
        if outside:
            self.add_error("section", f"你只能在分配给你的栏目里工作,不能选“{section.name}”。")
        outside = sections_outside(self.user, [s.pk for s in extra])
        if outside:
            names = "、".join(s.name for s in extra if s.pk in outside)
            self.add_error("extra_sections", f"你只能在分配给你的栏目里工作,不能选“{names}”。")
        return cleaned

    def _check_version(self, posted):
        # Locked until the request's transaction ends, so two saves of the same version cannot both pass.
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).values_list("version", flat=True).get()
        if posted == current:
            return
        latest = Revision.objects.filter(article_id=self.instance.pk, number=current).select_related("created_by").first()
        base = Revision.objects.filter(article_id=self.instance.pk, number=posted).first() if posted is not None else None
        self.conflict = {
            "by": latest.created_by if latest else None,
            "at": latest.created_at if latest else None,
            "version": current,
            "changes": revisions.compare(base.snapshot, latest.snapshot) if base and latest else None,
        }
        # The next save, after the editor has merged, is against what they have now seen.
        self.data = self.data.copy()
        self.data["base_version"] = str(current)
        who = f"{latest.created_by}" if latest and latest.created_by else "别人"
        raise forms.ValidationError(
            f"你打开表单之后,{who}已经保存了这篇稿件(现在是第 {current} 版),你的保存被拒绝,以免覆盖对方的修改。"
            "你的文字还在下面的表单里,没有丢失:请对照上方列出的变更合并,然后再保存。",
            code="stale",
        )

    def _post_clean(self):
        super()._post_clean()
        until = None
        if self.action == "pin":
            try:
                until = PinUntilField().clean(self.cleaned_data.get("pin_until", ""))
            except ValidationError as error:
                self.add_error("pin_until", error)
        # After _post_clean the instance carries the submitted section, so the rules see where it is going.
        if self.action and not self._errors:
            self.cleaned_data["pin_until"] = until
            extra = self.cleaned_data.get("extra_sections") or []
            try:
                self.instance.check_action(
                    self.action,
                    by=self.user,
                    comment=self.cleaned_data.get("workflow_comment", ""),
                    extra_section_ids=[s.pk for s in extra],
                    until=until,
                )
            except WorkflowError as error:
                self.add_error(None, error)


class ScheduleFilter(admin.SimpleListFilter):
    title = "排期"
    parameter_name = "schedule"

    def lookups(self, request, model_admin):
        return [
            ("upcoming", "已排期(待上线)"),
            ("expiring", "将到下线时间"),
            ("expired", "已到下线时间"),
            ("overdue", "逾期:发布时间已过仍未发布"),
            ("in_review", "审核中"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == "upcoming":
            return queryset.scheduled()
        if value == "expiring":
            return queryset.published().filter(expires_at__isnull=False)
        if value == "expired":
            return queryset.expired()
        if value == "overdue":
            return queryset.exclude(status__in=[Article.Status.PUBLISHED, Article.Status.WITHDRAWN]).filter(published_at__lte=now)
        if value == "in_review":
            return queryset.filter(status__in=[*pipeline(), Article.Status.APPROVED])
        return queryset


class PinFilter(admin.SimpleListFilter):
    title = "置顶"
    parameter_name = "pin"

    def lookups(self, request, model_admin):
        return [("live", "置顶中"), ("ended", "置顶已到截止时间")]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.pinned()
        if self.value() == "ended":
            return queryset.filter(pinned_until__lte=timezone.now())
        return queryset


class ArticleActionForm(ActionForm):
    pin_until = pin_until_box()  # read by the 置顶 action only


@admin.register(Article)
class ArticleAdmin(ImagePickerMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title", "schedule_state", "is_published", "pin_state", "section", "editor", "published_at", "expires_at", "updated_by",
    ]
    list_filter = [ScheduleFilter, PinFilter, "status", "kind", "section", "editor", "published_at"]
    list_select_related = ["section", "editor", "updated_by"]
    search_fields = ["title", "short_title"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["section", "extra_sections", "editor"]
    raw_id_fields = ["cover"]  # the image library picker: search, thumbnails, upload (images.admin)
    readonly_fields = ["schedule_state", "review_progress", "pin_state", "created_at", "updated_at", "updated_by"]
    inlines = [BylineInline, RelatedLinkInline, GalleryItemInline]
    formfield_overrides = URL_FIELDS_HTTPS
    actions = ["publish_selected", "withdraw_selected", "pin_selected", "unpin_selected"]
    action_form = ArticleActionForm
    fieldsets = [
        (None, {"fields": ["title", "subtitle", "short_title", "summary", "body", "base_version"]}),
        ("来源与署名", {"fields": ["source_name", "source_url", "editor"]}),
        ("栏目与标签", {"fields": ["section", "extra_sections", "tags", "kind", "cover"]}),
        ("审稿与发布", {"fields": ["schedule_state", "review_progress", "published_at", "expires_at", "pin_state", "workflow_comment"]}),
        ("记录", {"fields": ["created_at", "updated_at", "updated_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            # Body pictures come from the library too (插入图库图片), as cover and gallery do.
            kwargs["widget"] = BodyImagePickerWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="状态", ordering="status")
    def schedule_state(self, obj):
        return obj.schedule_state

    @admin.display(description="置顶", ordering="-pinned_at")
    def pin_state(self, obj):
        if obj.pinned_at is None:
            return "—"
        if not obj.is_pinned():
            return "置顶已到截止时间"
        if obj.pinned_until:
            return f"置顶中,至 {timezone.localtime(obj.pinned_until):%Y-%m-%d %H:%M}"
        return "置顶中"

    @admin.display(description="本轮审核")
    def review_progress(self, obj):
        if not obj.pk:
            return "—"
        done = {a.stage: a for a in approvals_this_round(obj).select_related("approver")}
        parts = []
        for stage in pipeline():
            approval = done.get(stage)
            who = f"{approval.approver} {timezone.localtime(approval.approved_at):%m-%d %H:%M}" if approval else "未审"
            parts.append(f"{STAGE_NAMES[stage]}:{who}")
        return ";".join(parts)

    def view_on_site(self, obj):
        # Unpublished work has no public page yet; staff get the private preview instead.
        return obj.get_absolute_url() if obj.is_published() else obj.get_preview_url()

    def has_change_permission(self, request, obj=None):
        # Role, state and section decide: a reporter edits their own drafts; a published piece is the 主编's.
        return super().has_change_permission(request, obj) and (obj is None or can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or can_edit(request.user, obj))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user, "action": requested_action(request)})

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        obj.version += 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        revision = revisions.save_revision(article, by=request.user)
        record(
            article,
            AuditEntry.Action.EDITED if change else AuditEntry.Action.CREATED,
            by=request.user,
            from_status=article.status,
            revision=revision.number,
        )
        EditPresence.objects.filter(article=article, user=request.user).delete()
        # The verb runs only now, after tags, sections and related links are saved, so what is
        # approved or published is the article complete.
        action = requested_action(request)
        comment = form.cleaned_data.get("workflow_comment", "")
        if action == "submit":
            article.submit(by=request.user, comment=comment)
            messages.success(request, f"“{article.title}”已提交审核,现在{article.get_status_display()}。")
        elif action == "approve":
            article.approve(by=request.user, comment=comment)
            messages.success(request, f"已通过审核,“{article.title}”现在{article.get_status_display()}。")
        elif action == "send_back":
            article.send_back(by=request.user, comment=comment)
            messages.success(request, f"“{article.title}”已退回给作者修改。")
        elif action == "publish":
            article.publish(by=request.user, at=article.published_at, comment=comment)
            verb = "已排期" if article.published_at > timezone.now() else "已发布"
            messages.success(request, f"“{article.title}”{verb}。")
        elif action == "withdraw":
            article.withdraw(by=request.user, reason=comment)
            messages.success(request, f"“{article.title}”已撤下。")
        elif action == "correct":
            article.correct(by=request.user, note=comment)
            messages.success(request, f"“{article.title}”的更正已发布。")
        elif action == "pin":
            until = form.cleaned_data["pin_until"]
            article.pin(by=request.user, until=until)
            ends = f",至 {timezone.localtime(until):%Y-%m-%d %H:%M}" if until else ""
            messages.success(request, f"“{article.title}”已置顶为首页头条{ends}。")
            self._report_headline(request)
        elif action == "unpin":
            article.unpin(by=request.user)
            messages.success(request, f"“{article.title}”已取消置顶。")
            self._report_headline(request)

    def workflow_buttons(self, request, obj):
        article = obj or Article(section_id=None)
        candidates = [
            ("_submit", "submit", "保存并提交审核"),
            ("_approve", "approve", f"通过{STAGE_NAMES.get(article.status, '审核')}"),
            ("_publish", "publish", "终审通过并发布" if article.status == "final_review" else "保存并发布"),
            ("_send_back", "send_back", "退回(请在意见栏写明原因)"),
            ("_withdraw", "withdraw", "撤下"),
            ("_correct", "correct", "保存并发布更正"),
            ("_pin", "pin", "置顶为首页头条"),
            ("_unpin", "unpin", "取消置顶"),
        ]
        buttons = []
        for name, action, label in candidates:
            try:
                # Sections are checked on the form's values; here only role and state decide the offer.
                article.check_action(action, by=request.user, comment="-", extra_section_ids=[])
            except (PermissionDenied, WorkflowError):
                continue
            buttons.append({"name": name, "label": label})
        return buttons

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context["workflow_buttons"] = self.workflow_buttons(request, obj) if context.get("has_change_permission", True) or add else []
        context["conflict"] = getattr(form, "conflict", None)
        if obj is not None:
            context["others_editing"] = (
                EditPresence.objects.filter(article=obj, seen_at__gte=timezone.now() - PRESENCE_WINDOW)
                .exclude(user=request.user)
                .select_related("user")
                .order_by("opened_at")
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            article = self.get_object(request, object_id)
            if article is not None and self.has_change_permission(request, article):
                now = timezone.now()
                EditPresence.objects.update_or_create(
                    article=article, user=request.user, defaults={"seen_at": now}, create_defaults={"opened_at": now, "seen_at": now}
                )
                # Content written outside the admin (imports, scripts, older rows) has no revision yet;
                # record it as the base this form starts from, so a conflict can show what changed.
                if not Revision.objects.filter(article=article, number=article.version).exists():
                    Revision.objects.get_or_create(
                        article=article,
                        number=article.version,
                        defaults={"snapshot": revisions.snapshot(article), "comment": "打开表单时的内容(此前没有版本记录)"},
                    )
        return super().change_view(request, object_id, form_url, extra_context)

    # History: revisions, compare, restore, audit trail and preview links on one page.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/history/compare/", view(self.compare_view), name="articles_article_compare"),
            path("<path:object_id>/history/<int:number>/restore/", view(self.restore_view), name="articles_article_restore"),
            path("<path:object_id>/preview-links/", view(self.preview_link_view), name="articles_article_preview_link"),
            path(
                "<path:object_id>/preview-links/<int:link_id>/revoke/",
                view(self.revoke_preview_link_view),
                name="articles_article_revoke_preview_link",
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("没有这篇稿件。")
        if not self.has_view_permission(request, article):
            raise PermissionDenied("你没有查看这篇稿件的权限。")
        return article

    def history_view(self, request, object_id, extra_context=None):
        article = self._article_or_404(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "title": f"“{article.title}”的版本与审计记录",
            "opts": self.opts,
            "original": article,
            "revisions": article.revisions.select_related("created_by"),
            "audit_entries": article.audit_entries.all(),
            "preview_links": article.preview_links.select_related("created_by"),
            "can_edit": can_edit(request.user, article),
            "now": timezone.now(),
        }
        return TemplateResponse(request, "admin/articles/article/history.html", context)

    def compare_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        try:
            a, b = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
        except ValueError:
            raise Http404("请选择两个版本。") from None
        old = get_object_or_404(Revision, article=article, number=min(a, b))
        new = get_object_or_404(Revision, article=article, number=max(a, b))
        context = {
            **self.admin_site.each_context(request),
            "title": f"比较第 {old.number} 版和第 {new.number} 版",
            "opts": self.opts,
            "original": article,
            "old": old,
            "new": new,
            "changes": revisions.compare(old.snapshot, new.snapshot),
            "can_edit": can_edit(request.user, article),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id, number):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied("你没有修改这篇稿件的权限。")
        revision = get_object_or_404(Revision, article=article, number=number)
        new = revisions.restore(article, revision, by=request.user)
        messages.success(request, f"已恢复第 {number} 版的内容,保存为第 {new.number} 版。")
        return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))

    def preview_link_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied("你没有为这篇稿件生成预览链接的权限。")
        try:
            hours = int(request.POST.get("hours", "72"))
        except ValueError:
            hours = 0
        if not 1 <= hours <= 24 * 30:
            messages.error(request, "有效期请填 1 到 720 小时。")
        else:
            with transaction.atomic():
                link = PreviewLink.objects.create(
                    article=article, created_by=request.user, expires_at=timezone.now() + timedelta(hours=hours)
                )
                record(article, AuditEntry.Action.PREVIEW_SHARED, by=request.user, from_status=article.status,
                       comment=f"有效期 {hours} 小时")
            url = request.build_absolute_uri(link.get_absolute_url())
            messages.success(request, f"预览链接(有效 {hours} 小时):{url}")
        return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))

    def revoke_preview_link_view(self, request, object_id, link_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied("你没有撤销这个预览链接的权限。")
        link = get_object_or_404(PreviewLink, article=article, pk=link_id)
        if link.revoked_at is None:
            with transaction.atomic():
                PreviewLink.objects.filter(pk=link.pk).update(revoked_at=timezone.now())
                record(article, AuditEntry.Action.PREVIEW_REVOKED, by=request.user, from_status=article.status)
            messages.success(request, "预览链接已撤销,持有它的人将看到 404。")
        return HttpResponseRedirect(reverse("admin:articles_article_history", args=[article.pk]))

    # Bulk actions go through the same verbs; each article is refused or done on its own.

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article") or (
            request.user.has_perm("articles.review_article") and len(pipeline()) == 1
        )

    def has_pin_permission(self, request):
        return may(request.user, "pin_article")

    def changelist_view(self, request, extra_context=None):
        # The admin only offers the actions a user may run, and answers a crafted POST of another with a
        # vague "no action selected" or nothing at all; say plainly that it is refused (nothing has changed).
        name = request.POST.get("action") if request.method == "POST" else None
        if name in self.actions and name not in self.get_actions(request):
            description = getattr(getattr(self, name), "short_description", name)
            raise PermissionDenied(f"你没有“{description}”的权限。")
        return super().changelist_view(request, extra_context)

    def _bulk(self, request, queryset, verb, done_label):
        done, refused = 0, []
        for article in queryset:
            try:
                with transaction.atomic():
                    verb(article)
                done += 1
            except (PermissionDenied, WorkflowError) as error:
                reason = "".join(error.messages) if isinstance(error, WorkflowError) else str(error)
                refused.append(f"“{article.title}”:{reason}")
        self.message_user(request, f"{done_label} {done} 篇稿件。", messages.SUCCESS)
        if refused:
            self.message_user(request, "未处理 " + ";".join(refused), messages.ERROR)

    @admin.action(description="发布所选稿件", permissions=["publish"])
    def publish_selected(self, request, queryset):
        now = timezone.now()
        self._bulk(request, queryset, lambda a: a.publish(by=request.user, at=a.published_at or now), "已发布")

    @admin.action(description="撤下所选稿件", permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        self._bulk(request, queryset.exclude(status=Article.Status.WITHDRAWN), lambda a: a.withdraw(by=request.user), "已撤下")

    @admin.action(description="置顶为首页头条", permissions=["pin"])
    def pin_selected(self, request, queryset):
        try:
            until = PinUntilField().clean(request.POST.get("pin_until", ""))
        except ValidationError as error:
            self.message_user(request, f"没有置顶。置顶截止:{''.join(error.messages)}", messages.ERROR)
            return
        # Oldest first: of several pinned at once the newest is pinned last and leads; the message says which.
        articles = list(queryset.order_by("published_at", "pk"))
        self._bulk(request, articles, lambda a: a.pin(by=request.user, until=until), "已置顶")
        self._report_headline(request)

    def _report_headline(self, request):
        headline = Article.objects.published().headline()
        if headline:
            self.message_user(request, f"首页头条现在是“{headline.title}”。", messages.INFO)

    @admin.action(description="取消置顶", permissions=["pin"])
    def unpin_selected(self, request, queryset):
        self._bulk(request, queryset.filter(pinned_at__isnull=False), lambda a: a.unpin(by=request.user), "已取消置顶")
