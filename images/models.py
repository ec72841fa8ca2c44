import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from .validators import validate_image_file


def upload_path(instance, filename):
    # The user's file name never reaches storage: a dated folder and a random name, keeping only a known extension.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in {"jpg", "jpeg", "png", "webp", "gif"}:
        ext = "img"
    return f"images/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


class Image(models.Model):
    file = models.ImageField(
        "图片文件",
        upload_to=upload_path,
        width_field="width",
        height_field="height",
        validators=[validate_image_file],
    )
    title = models.CharField("标题", max_length=200, blank=True)
    caption = models.TextField("图片说明", blank=True)
    credit = models.CharField("摄影/来源", max_length=100, blank=True)
    alt_text = models.CharField("替代文字", max_length=200, blank=True, help_text="为看不到图片的读者描述图片内容。")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    file_size = models.PositiveIntegerField(editable=False, default=0)
    sha256 = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title or self.alt_text or f"图片 {self.pk}"

    def save(self, *args, **kwargs):
        if self.file and not self.sha256:
            self.file.seek(0)
            self.sha256 = hashlib.sha256(self.file.read()).hexdigest()
            self.file_size = self.file.size
            self.file.seek(0)
        super().save(*args, **kwargs)
