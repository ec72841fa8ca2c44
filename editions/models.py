from django.db import models, transaction
from django.db.models import F, Q


class EditionSettings(models.Model):
    """The desk's settings for the traditional edition: one row, created by the migration."""

    regional_vocabulary = models.BooleanField(
        "使用台湾地区用语",
        default=False,
        help_text="开启后繁体版同时转换词汇(软件→軟體、信息→資訊)。会改写引文中的官方名称,默认关闭。",
    )
    # Bumped by every glossary change; part of the cache key of every converted page and feed.
    glossary_version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "繁体版设置"
        verbose_name_plural = "繁体版设置"
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="edition_settings_single_row")]

    def __str__(self):
        return "繁体版设置"

    @classmethod
    def load(cls):
        return cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def glossary_changed(cls):
        cls.objects.get_or_create(pk=1)
        cls.objects.filter(pk=1).update(glossary_version=F("glossary_version") + 1)


class GlossaryTermQuerySet(models.QuerySet):
    @transaction.atomic
    def delete(self):
        # The admin's bulk delete goes through here, not through GlossaryTerm.delete().
        result = super().delete()
        EditionSettings.glossary_changed()
        return result

    @transaction.atomic
    def update(self, **kwargs):
        result = super().update(**kwargs)
        EditionSettings.glossary_changed()
        return result


class GlossaryTerm(models.Model):
    """A protected term: wherever `simplified` appears, the traditional edition prints `traditional`."""

    simplified = models.CharField(
        "简体写法", max_length=50, unique=True, help_text="稿件中的写法,如“台企”“鹿心社”。"
    )
    traditional = models.CharField(
        "繁体写法", max_length=50, help_text="繁体版中一律这样写,如“臺企”。与简体相同则表示原样保留。"
    )
    note = models.CharField("说明", max_length=200, blank=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        verbose_name = "繁体版词表"
        verbose_name_plural = "繁体版词表"
        ordering = ["simplified"]
        constraints = [
            models.CheckConstraint(condition=~Q(simplified=""), name="glossary_simplified_not_empty"),
            models.CheckConstraint(condition=~Q(traditional=""), name="glossary_traditional_not_empty"),
        ]

    def __str__(self):
        return f"{self.simplified} → {self.traditional}"

    @transaction.atomic
    def save(self, *args, **kwargs):
        self.simplified = self.simplified.strip()
        self.traditional = self.traditional.strip()
        super().save(*args, **kwargs)
        EditionSettings.glossary_changed()

    @transaction.atomic
    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        EditionSettings.glossary_changed()
        return result
