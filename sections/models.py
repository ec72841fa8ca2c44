from django.db import models
from django.db.models import F, Q
from django.urls import reverse


class SectionQuerySet(models.QuerySet):
    def navigation(self):
        """Top-level sections shown in the site navigation, in editor-chosen order."""
        return self.filter(in_navigation=True, parent__isnull=True)


class Section(models.Model):
    name = models.CharField("名称", max_length=40, unique=True)
    slug = models.SlugField(
        "网址名",
        max_length=40,
        unique=True,
        help_text="用于网址的英文或拼音,例如 yaowen。发布后请勿修改,否则旧链接会失效。",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级栏目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField("排序", default=0, help_text="数字小的排在前面。")
    description = models.TextField("简介", blank=True)
    in_navigation = models.BooleanField("显示在导航中", default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="section_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("sections:detail", kwargs={"slug": self.slug})
