import hashlib
import os
import uuid
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import ProtectedError
from django.db.models import Q
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from .metadata import without_location
from .validators import validate_image_file


def upload_path(instance, filename):
    # The user's file name never reaches storage: a dated folder and a random name, keeping only a known extension.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if ext not in {"jpg", "jpeg", "png", "webp", "gif"}:
        ext = "img"
    return f"images/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{ext}"


def file_sha256(file):
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(1 << 20), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


class ImageInUse(ProtectedError):
    """Refused: deleting a picture an article uses would take it out of that article (published ones included)."""

    def __init__(self, uses):
        self.uses = uses
        titles = "、".join(f"《{use.article}》" for image_uses in uses.values() for use in image_uses)
        super().__init__(f"图片正被稿件使用,不能删除:{titles}", {use.article for u in uses.values() for use in u})


class ArticleUse:
    """One article that uses a library picture, and how (封面, 图集, 正文)."""

    COVER, GALLERY, BODY = "封面", "图集", "正文"

    def __init__(self, article):
        self.article = article
        self.ways = []


def article_uses(image_ids):
    """{image id: [ArticleUse, ...]} for every article, of any status, that uses one of these pictures.

    Cover and picture story are foreign keys. A body picture is a `data-file="ID"` reference in the HTML, so a
    regular expression finds the candidate bodies in the database and the parser that renders bodies decides.
    Two queries, however many pictures or articles.
    """
    from articles.models import Article

    from .body import library_image_ids

    ids = sorted({int(pk) for pk in image_ids if pk is not None})
    if not ids:
        return {}
    in_gallery = defaultdict(list)
    for article_id, image_id in GalleryItem.objects.filter(image_id__in=ids).values_list("article_id", "image_id"):
        in_gallery[article_id].append(image_id)
    body_reference = r"data-file\s*=\s*[\"']?0*(%s)([\"'\s/>]|$)" % "|".join(map(str, ids))
    articles = (
        Article.objects.filter(Q(cover_id__in=ids) | Q(pk__in=list(in_gallery)) | Q(body__regex=body_reference))
        .only("pk", "title", "status", "published_at", "expires_at", "cover_id", "body")
        .order_by("pk")
    )
    uses = defaultdict(dict)
    for article in articles:
        found = [(article.cover_id, ArticleUse.COVER)] if article.cover_id in ids else []
        found += [(image_id, ArticleUse.GALLERY) for image_id in dict.fromkeys(in_gallery[article.pk])]
        found += [(image_id, ArticleUse.BODY) for image_id in library_image_ids(article.body) if image_id in ids]
        for image_id, way in found:
            uses[image_id].setdefault(article.pk, ArticleUse(article)).ways.append(way)
    return {image_id: list(by_article.values()) for image_id, by_article in uses.items()}


class ImageQuerySet(models.QuerySet):
    def with_renditions(self):
        """Renditions in one query for the whole list, so a page of N images makes no per-image query."""
        return self.prefetch_related("renditions")

    def delete(self):
        # The last line of defence for every bulk path (the admin's 删除所选, the shell, scripts): the admin
        # explains the refusal before it ever gets here.
        if uses := article_uses(self.values_list("pk", flat=True)):
            raise ImageInUse(uses)
        return super().delete()


class ImageManager(models.Manager.from_queryset(ImageQuerySet)):
    @transaction.atomic
    def get_or_create_for_file(self, file, *, by=None, **fields):
        """The library's one entry for this file's content: the same bytes uploaded twice reuse the first entry."""
        sha256 = file_sha256(file)
        existing = self.filter(sha256=sha256).first()
        if existing is not None:
            return existing, False
        image = self.model(file=file, uploaded_by=by, sha256=sha256, **fields)
        image.file_size = file.size
        image.save()
        return image, True


class WatermarkChoice(models.TextChoices):
    DESK_DEFAULT = "default", "按本站默认"
    ON = "on", "加水印"
    OFF = "off", "不加水印"


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
    alt_text = models.CharField(
        "替代文字", max_length=200, blank=True, help_text="为看不到图片的读者描述图片内容。稿件发布前,封面、图集和正文中的每张图片都必须填写。"
    )
    tags = TaggableManager("标签", through="TaggedImage", blank=True)
    focal_x = models.FloatField(
        "焦点横坐标", default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="0 为最左,1 为最右。裁切时保留焦点;在下方图片上点击即可设置。",
    )
    focal_y = models.FloatField(
        "焦点纵坐标", default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)], help_text="0 为最上,1 为最下。"
    )
    watermark = models.CharField(
        "水印", max_length=10, choices=WatermarkChoice, default=WatermarkChoice.DESK_DEFAULT,
        help_text="水印只加在网站显示的各尺寸图片上,原图不变。",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    file_size = models.PositiveIntegerField(editable=False, default=0)
    sha256 = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    objects = ImageManager()

    class Meta:
        verbose_name = "图片"
        verbose_name_plural = "图片"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # The library keeps one entry per content; a race between two identical uploads cannot make a second.
            models.UniqueConstraint(fields=["sha256"], condition=~Q(sha256=""), name="image_content_once"),
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1), name="image_focal_point_inside"
            ),
        ]

    def __str__(self):
        return self.title or self.alt_text or f"图片 {self.pk}"

    def save(self, *args, **kwargs):
        if self.file and not self.sha256:
            self.sha256 = file_sha256(self.file)  # of the bytes as uploaded, so the same upload again is recognised
            self.file_size = self.file.size
        if self.file and not self.file._committed:
            self._store_without_location()
        super().save(*args, **kwargs)

    def _store_without_location(self):
        # Originals sit at public (if unguessable) /media/ URLs: where a photo was taken must not travel with it.
        self.file.seek(0)
        data = self.file.read()
        self.file.seek(0)
        cleaned = without_location(data)
        if cleaned != data:
            self.file = ContentFile(cleaned, name=os.path.basename(self.file.name))
            self.file_size = len(cleaned)

    def delete(self, *args, **kwargs):
        if uses := article_uses([self.pk]):
            raise ImageInUse(uses)
        return super().delete(*args, **kwargs)

    def wants_watermark(self, desk=None):
        if self.watermark == WatermarkChoice.DESK_DEFAULT:
            desk = desk or Watermark.current()
            return desk.enabled_by_default
        return self.watermark == WatermarkChoice.ON

    # Renditions: see images/renditions.py. These are the public API for templates, feeds and other apps.

    def rendition(self, spec, fmt="jpeg"):
        from .renditions import get_rendition

        return get_rendition(self, spec, fmt)

    def rendition_url(self, spec, fmt="jpeg"):
        """A stored rendition's URL, made on first use (e.g. image.rendition_url("share") for og:image)."""
        return self.rendition(spec, fmt).file.url


class TaggedImage(TaggedItemBase):
    # A real foreign key, as for articles, so tag filters join on integers.
    content_object = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = "图片标签"
        verbose_name_plural = "图片标签"
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="tag_once_per_image")]


def rendition_path(instance, filename):
    return f"renditions/{instance.image_id}/{filename}"


class Rendition(models.Model):
    """One stored size and format of an image, made once from the original and looked up thereafter."""

    class Format(models.TextChoices):
        AVIF = "avif", "AVIF"
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=20)
    format = models.CharField(max_length=4, choices=Format)
    # Digest of everything that shapes the pixels (spec, focal point, watermark); a change makes a new rendition.
    key = models.CharField(max_length=32)
    file = models.FileField(upload_to=rendition_path, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "图片尺寸"
        verbose_name_plural = "图片尺寸"
        constraints = [models.UniqueConstraint(fields=["image", "spec", "format", "key"], name="rendition_made_once")]

    def __str__(self):
        return f"{self.image_id} {self.spec} {self.format} {self.width}×{self.height}"


class GalleryItem(models.Model):
    """One picture of a picture story (图集), in order, with a caption for this story."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="gallery_items")
    image = models.ForeignKey(Image, verbose_name="图片", on_delete=models.PROTECT, related_name="gallery_items")
    position = models.PositiveSmallIntegerField("排序", default=0)
    caption = models.TextField("图片说明", blank=True, help_text="留空则用图片库中的说明。")

    class Meta:
        verbose_name = "图集图片"
        verbose_name_plural = "图集"
        ordering = ["position", "pk"]

    def __str__(self):
        return str(self.image)

    @property
    def display_caption(self):
        return self.caption or self.image.caption


class Watermark(models.Model):
    """The desk's watermark: one row, edited in the admin. Applied to renditions only, never to originals."""

    class Kind(models.TextChoices):
        TEXT = "text", "文字"
        IMAGE = "image", "图片"

    class Position(models.TextChoices):
        BOTTOM_RIGHT = "bottom-right", "右下"
        BOTTOM_LEFT = "bottom-left", "左下"
        TOP_RIGHT = "top-right", "右上"
        TOP_LEFT = "top-left", "左上"
        CENTER = "center", "居中"

    enabled_by_default = models.BooleanField(
        "默认加水印", default=False, help_text="图片的“水印”设为“按本站默认”时是否加水印。"
    )
    kind = models.CharField("类型", max_length=10, choices=Kind, default=Kind.TEXT)
    text = models.CharField("水印文字", max_length=50, blank=True, default="江西台办新闻")
    mark = models.ImageField(
        "水印图片", upload_to="watermarks/", blank=True, validators=[validate_image_file],
        help_text="建议用透明背景的 PNG。",
    )
    position = models.CharField("位置", max_length=20, choices=Position, default=Position.BOTTOM_RIGHT)
    size = models.PositiveSmallIntegerField(
        "大小(占图片宽度的百分比)", default=20, validators=[MinValueValidator(2), MaxValueValidator(80)]
    )
    opacity = models.PositiveSmallIntegerField(
        "不透明度(%)", default=50, validators=[MinValueValidator(5), MaxValueValidator(100)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    CACHE_KEY = "images:watermark"

    class Meta:
        verbose_name = "水印设置"
        verbose_name_plural = "水印设置"
        constraints = [
            models.CheckConstraint(condition=Q(size__gte=2, size__lte=80), name="watermark_size_range"),
            models.CheckConstraint(condition=Q(opacity__gte=5, opacity__lte=100), name="watermark_opacity_range"),
        ]

    def __str__(self):
        return "水印设置"

    @classmethod
    def current(cls):
        """The desk's settings, cached so a page costs no query for them; an unsaved default if none were set."""
        watermark = cache.get(cls.CACHE_KEY)
        if watermark is None:
            watermark = cls.objects.order_by("pk").first() or cls()
            cache.set(cls.CACHE_KEY, watermark, 300)
        return watermark

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Called here, not from a signal: the next page sees the new settings and makes new renditions.
        cache.delete(self.CACHE_KEY)

    def signature(self):
        """What shapes a watermarked rendition; part of each rendition's key."""
        parts = [self.kind, self.position, str(self.size), str(self.opacity)]
        parts.append(self.text if self.kind == self.Kind.TEXT else (self.mark.name or ""))
        return "|".join(parts)


def images_missing_alt_text(article):
    """The cover, gallery and body images of an article that readers who cannot see them would know nothing about."""
    from .body import library_image_ids

    body_ids = library_image_ids(article.body)
    if not article.pk and not body_ids and not article.cover_id:
        return []
    chosen = Q(pk=article.cover_id) | Q(pk__in=body_ids)
    if article.pk:
        chosen |= Q(gallery_items__article=article)
    return [image for image in dict.fromkeys(Image.objects.filter(chosen)) if not image.alt_text.strip()]
