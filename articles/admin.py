from django.contrib import admin, messages
from django.db import models
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from images.admin import GalleryItemInline, ImagePickerMixin

from .models import Article, Byline, Editor, RelatedLink


@admin.register(Editor)
class EditorAdmin(admin.ModelAdmin):
    list_display = ["name", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "user__username"]
    raw_id_fields = ["user"]


# Editors paste addresses without a scheme; assume https rather than Django 5's legacy http.
URL_FIELDS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


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


@admin.register(Article)
class ArticleAdmin(ImagePickerMixin, admin.ModelAdmin):
    list_display = ["title", "status", "is_published", "section", "editor", "published_at", "updated_by"]
    list_filter = ["status", "kind", "section", "editor", "published_at"]
    list_select_related = ["section", "editor", "updated_by"]
    search_fields = ["title", "short_title"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["section", "extra_sections", "editor"]
    raw_id_fields = ["cover"]  # the image library picker: search, thumbnails, upload (images.admin)
    readonly_fields = ["status", "created_at", "updated_at", "updated_by"]
    inlines = [BylineInline, RelatedLinkInline, GalleryItemInline]
    formfield_overrides = URL_FIELDS_HTTPS
    actions = ["publish_selected", "withdraw_selected"]
    fieldsets = [
        (None, {"fields": ["title", "subtitle", "short_title", "summary", "body"]}),
        ("来源与署名", {"fields": ["source_name", "source_url", "editor"]}),
        ("栏目与标签", {"fields": ["section", "extra_sections", "tags", "kind", "cover"]}),
        ("发布", {"fields": ["status", "published_at", "created_at", "updated_at", "updated_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def view_on_site(self, obj):
        # Unpublished work has no public page yet; staff get the private preview instead.
        return obj.get_absolute_url() if obj.is_published() else obj.get_preview_url()

    def save_model(self, request, obj, form, change):
        wants_publish = "_publish" in request.POST
        if wants_publish and not request.user.has_perm("articles.publish_article"):
            # Checked before anything is written: the whole request is refused, not half-applied.
            raise PermissionDenied("你没有发布稿件的权限。")
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Published only after tags, sections and related links are saved, so the article goes out complete.
        if "_publish" in request.POST:
            try:
                form.instance.publish(by=request.user)
            except ValidationError as error:
                # The edits are saved as they were; only publishing waits until the pictures are described.
                messages.error(request, f"“{form.instance.title}”已保存但未发布:{' '.join(error.messages)}")
            else:
                messages.success(request, f"“{form.instance.title}”已发布。")

    def render_change_form(self, request, context, *args, **kwargs):
        context["can_publish"] = request.user.has_perm("articles.publish_article")
        return super().render_change_form(request, context, *args, **kwargs)

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    @admin.action(description="发布所选稿件", permissions=["publish"])
    def publish_selected(self, request, queryset):
        now = timezone.now()
        published = 0
        for article in queryset:
            try:
                article.publish(by=request.user, at=article.published_at or now)
            except ValidationError as error:
                self.message_user(request, f"“{article.title}”未发布:{' '.join(error.messages)}", messages.ERROR)
            else:
                published += 1
        self.message_user(request, f"已发布 {published} 篇稿件。", messages.SUCCESS)

    @admin.action(description="撤下所选稿件", permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        articles = list(queryset.exclude(status=Article.Status.WITHDRAWN))
        for article in articles:
            article.withdraw(by=request.user)
        self.message_user(request, f"已撤下 {len(articles)} 篇稿件。", messages.SUCCESS)
