from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django_prose_editor.widgets import AdminProseEditorWidget

from .models import GalleryItem, Image, Watermark, article_uses, file_sha256
from .renditions import OriginalUnavailable
from .validators import SafeImageFormField


def thumbnail_html(image, height=60):
    if image is None or not image.file:
        return ""
    try:
        url = image.rendition_url("thumb")
    except OriginalUnavailable:
        return "原图文件缺失"
    return format_html(
        '<img src="{}" alt="" class="library-thumb" style="max-height:{}px;max-width:{}px">',
        url,
        height,
        round(height * 4 / 3),
    )


class ImagePickerWidget(ForeignKeyRawIdWidget):
    """The library picker: the magnifier opens the searchable library with thumbnails (and its 增加 button uploads
    from there); the chosen image is shown as a thumbnail next to its id."""

    template_name = "admin/images/image_picker.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        image = Image.objects.filter(pk=value).first() if value and str(value).isdigit() else None
        context["thumbnail"] = thumbnail_html(image, 90)
        return context


class ImagePickerMixin:
    """For admins with foreign keys to Image: pick from the library, with search, thumbnails and upload."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Image:
            kwargs["widget"] = ImagePickerWidget(db_field.remote_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class BodyImagePickerWidget(AdminProseEditorWidget):
    """The article body's rich-text editor with an 插入图库图片 button under it: the same library popup as the
    cover picker (search, thumbnails, upload); the chosen picture goes into the body as a figure that refers
    to the library image by id (images.body renders it for readers)."""

    template_name = "admin/images/body_image_picker.html"

    @property
    def media(self):
        return super().media + forms.Media(js=["js/body-images.js"])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["library_url"] = reverse("admin:images_image_changelist") + "?_to_field=id"
        context["figure_url"] = reverse("admin:images_image_body_figure")
        return context


class GalleryItemInline(ImagePickerMixin, admin.TabularInline):
    """The picture story (图集): images in order, each with its caption for this story."""

    model = GalleryItem
    extra = 0
    fields = ["position", "image", "caption"]


class ImageForm(forms.ModelForm):
    file = SafeImageFormField(label="图片文件", help_text="JPEG、PNG、WebP 或 GIF。相同的文件只保存一份。")

    class Meta:
        model = Image
        fields = "__all__"


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "__str__", "credit", "alt_text_given", "width", "height", "created_at"]
    list_display_links = ["thumbnail", "__str__"]
    list_filter = ["watermark", "tags"]
    search_fields = ["title", "caption", "credit", "alt_text", "tags__name"]
    readonly_fields = ["focal_point_picker", "width", "height", "file_size", "sha256", "uploaded_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["file", "title", "alt_text", "caption", "credit", "tags"]}),
        ("裁切焦点与水印", {"fields": ["focal_point_picker", "focal_x", "focal_y", "watermark"]}),
        ("文件信息", {"fields": ["width", "height", "file_size", "sha256", "uploaded_by", "created_at"]}),
    ]

    class Media:
        js = ["js/focal-point.js"]
        css = {"all": ["css/admin-images.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions()

    @admin.display(description="缩略图")
    def thumbnail(self, obj):
        return thumbnail_html(obj)

    @admin.display(description="替代文字", boolean=True)
    def alt_text_given(self, obj):
        return bool(obj.alt_text)

    @admin.display(description="在图片上点击设置焦点")
    def focal_point_picker(self, obj):
        if not obj.pk:
            return "保存后可设置焦点。"
        try:
            url = obj.rendition_url("article")
        except OriginalUnavailable:
            return "原图文件已从存储中丢失,请重新上传这张图片。"
        return format_html(
            '<div class="focal-picker" data-x="{}" data-y="{}"><img src="{}" alt=""><span class="focal-marker"></span></div>',
            obj.focal_x,
            obj.focal_y,
            url,
        )

    def get_urls(self):
        return [
            path("body-figure/", self.admin_site.admin_view(self.body_figure_view), name="images_image_body_figure"),
            *super().get_urls(),
        ]

    def body_figure_view(self, request):
        """What the body's 插入图库图片 button puts into the editor for the picture chosen in the popup."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        image_id = request.GET.get("id", "")
        if not (image_id.isascii() and image_id.isdigit()):
            raise Http404("没有这张图片。")
        image = get_object_or_404(Image.objects.with_renditions(), pk=int(image_id))
        try:
            rendition = image.rendition("article")
        except OriginalUnavailable:
            return JsonResponse({"error": f"“{image}”的原图文件已丢失,请重新上传后再插入。"}, status=409)
        return JsonResponse({
            "id": image.pk,
            "src": rendition.file.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.alt_text,
            "caption": image.caption,
            "credit": image.credit,
        })

    def add_view(self, request, form_url="", extra_context=None):
        upload = request.FILES.get("file") if request.method == "POST" else None
        if upload is not None:
            existing = Image.objects.filter(sha256=file_sha256(upload)).first()
            if existing is not None:
                # The same bytes are already in the library: reuse that entry rather than store a copy.
                if IS_POPUP_VAR in request.POST:
                    return self.response_add(request, existing)
                messages.info(request, f"图片库中已有相同的图片“{existing}”,已为你打开它,没有另存一份。")
                return redirect(reverse("admin:images_image_change", args=[existing.pk]))
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_deleted_objects(self, objs, request):
        """A picture that an article uses (cover, picture story or body) is protected, whatever the article's
        status: both the change page's 删除 and the 删除所选 action then show why, naming the articles, and
        refuse the confirming POST (Django's delete views delete nothing while `protected` is non-empty)."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        uses = article_uses(obj.pk for obj in objs)
        if uses:
            # Replaces Django's own list (gallery items, and articles by their cover): ours says how each is used.
            protected = [self._uses_html(obj, uses[obj.pk]) for obj in objs if obj.pk in uses]
        return deleted, model_count, perms_needed, protected

    @staticmethod
    def _uses_html(image, uses):
        articles = format_html_join(
            "、",
            '<a href="{}">《{}》</a>({},用作{})',
            (
                (reverse("admin:articles_article_change", args=[use.article.pk]), use.article,
                 use.article.schedule_state, "、".join(use.ways))
                for use in uses
            ),
        )
        return format_html("“{}”用于:{}", image, articles)


class WatermarkForm(forms.ModelForm):
    mark = SafeImageFormField(label="水印图片", required=False, help_text="建议用透明背景的 PNG。")

    class Meta:
        model = Watermark
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Watermark.Kind.TEXT and not cleaned.get("text"):
            self.add_error("text", "文字水印需要填写水印文字。")
        if cleaned.get("kind") == Watermark.Kind.IMAGE and not (cleaned.get("mark") or self.instance.mark):
            self.add_error("mark", "图片水印需要上传水印图片。")
        return cleaned


@admin.register(Watermark)
class WatermarkAdmin(admin.ModelAdmin):
    """One row for the whole desk. Saving it makes new renditions for watermarked images on their next view."""

    form = WatermarkForm
    list_display = ["__str__", "enabled_by_default", "kind", "position", "size", "opacity", "updated_at"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Watermark.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
