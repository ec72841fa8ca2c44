from django.contrib import admin
from django.utils.html import format_html

from .models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "__str__", "credit", "width", "height", "created_at"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = ["title", "caption", "credit", "alt_text"]
    readonly_fields = ["width", "height", "file_size", "sha256", "uploaded_by", "created_at"]

    @admin.display(description="缩略图")
    def thumbnail(self, obj):
        return format_html('<img src="{}" alt="" style="max-height:60px;max-width:100px">', obj.file.url)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
