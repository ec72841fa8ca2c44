from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, TextField, Value
from django.db.models.functions import MD5, Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from search.text import document_vector, html_to_text

from .sanitize import EDITOR_EXTENSIONS, sanitize_body

# The fields search reads; saving any of them recomputes the article's search vector.
SEARCH_FIELDS = frozenset({"title", "summary", "body"})


class Editor(models.Model):
    """A person credited on articles (编辑, 记者). Credits outlive the login: a user may be deleted, the name stays."""

    name = models.CharField("署名", max_length=50)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="editor_profile",
    )
    bio = models.TextField("简介", blank=True)

    class Meta:
        verbose_name = "采编人员"
        verbose_name_plural = "采编人员"
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:editor", kwargs={"pk": self.pk})


@dataclass(frozen=True)
class Fingerprint:
    """How many articles a page shows, and a token that changes when any of them does."""

    count: int
    token: str

    def __str__(self):
        return f"{self.count}:{self.token}"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see. Every public page, feed, sitemap and search goes through here.

        Publish time and expiry (下线时间) are compared with the clock at query time, so a scheduled
        article appears, and an expired one disappears, on every path at once with no cron job.
        """
        now = timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )

    def pinned(self):
        """Pinned to the home page (置顶) and not past 置顶截止. Combine with published(): a pin never shows
        an article readers may not see. Like published(), compared with the clock at query time."""
        now = timezone.now()
        return self.filter(pinned_at__isnull=False).filter(Q(pinned_until__isnull=True) | Q(pinned_until__gt=now))

    def headline(self):
        """The home page's headline: the most recently pinned live pin, else the newest article. One or two queries."""
        pinned = self.pinned().order_by("-pinned_at", "-pk").first()
        return pinned or self.first()

    def scheduled(self):
        """Approved and published for a time still to come (已排期)."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def expired(self):
        """Published, but taken down by their 下线时间."""
        return self.filter(status=Article.Status.PUBLISHED, expires_at__lte=timezone.now())

    def in_section(self, section):
        """Articles filed in a section or one of its subsections, or cross-posted to either."""
        # Subqueries rather than joins + DISTINCT: PostgreSQL can then walk the published_at index
        # and stop after a page, instead of sorting the whole section (10 ms → 0.3 ms at 100k articles).
        from sections.models import Section

        sections = Section.objects.filter(Q(pk=section.pk) | Q(parent=section)).values("pk")
        cross_posted = Article.extra_sections.through.objects.filter(section__in=sections).values("article_id")
        return self.filter(Q(section__in=sections) | Q(pk__in=cross_posted))

    def fingerprint(self):
        """A short string that changes whenever this set of articles, or any article in it, changes. One query.

        It is the validator behind ETags and the cached feeds and month and news sitemaps (it reads every
        article in the set: pages that can show any article use Article.objects.site_fingerprint()): publishing,
        editing (updated_at), withdrawing or deleting changes the count or the latest times, and so does a
        scheduled article becoming due, with no write at all, because published() compares with now().
        A sliced queryset (a feed's latest N) gets a digest of its members instead, since one article
        leaving the top N and an older one moving up changes neither its count nor its latest times.
        """
        if self.query.is_sliced:
            row = self.aggregate(
                n=Count("pk"),
                digest=MD5(
                    StringAgg(
                        Concat(
                            Cast("pk", TextField()), models.Value(":"), Cast("updated_at", TextField()),
                            output_field=TextField(),
                        ),
                        delimiter=",",
                        order_by="pk",
                    )
                ),
            )
            return Fingerprint(row["n"], row["digest"] or "")
        row = self.aggregate(n=Count("pk"), updated=Max("updated_at"), published=Max("published_at"))
        stamp = lambda value: value.timestamp() if value else 0  # noqa: E731
        return Fingerprint(row["n"], f"{stamp(row['updated']):.6f}:{stamp(row['published']):.6f}")

    def delete(self):
        # The admin's bulk delete comes here: each deletion is recorded (see ArticleDeletion) in the same transaction.
        with transaction.atomic():
            ArticleDeletion.objects.bulk_create(
                ArticleDeletion(article_pk=pk, title=title) for pk, title in self.order_by().values_list("pk", "title")
            )
            return super().delete()

    delete.alters_data = True
    delete.queryset_only = True

    def latest_in_each(self, sections, count):
        """{section id: its newest `count` articles (primary section)}, in two queries however many sections:
        the ids from one UNION ALL of per-section index scans, then the rows. (A window function over
        every article ranks the whole archive; this reads only count rows per section.)"""
        parts = [self.filter(section=s).order_by("-published_at", "-pk").values_list("pk", flat=True)[:count] for s in sections]
        if not parts:
            return {}
        ids = list(parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0])
        by_section = {}
        for article in self.filter(pk__in=ids).order_by("-published_at", "-pk"):
            by_section.setdefault(article.section_id, []).append(article)
        return by_section

    def for_listing(self):
        """The joins a list of article cards needs, so a list costs the same however long it is."""
        # Cover renditions in one query for the whole list: cards show thumbnails at no per-card cost.
        return self.select_related("section", "cover", "editor").prefetch_related("cover__renditions")


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def site_fingerprint(self):
        """The validator of pages that can show any public article (home, section, tag and person pages, the
        sitemap index). One statement of index lookups, however many articles there are.

        Counting the public articles (fingerprint()) reads all of them: ~50 ms at 100,000. Instead, each
        way the public site can change moves one of these:
        - any write to any article (publish, edit, withdraw, pin, unpin, correct): the newest updated_at;
        - a scheduled article reaching its time, with no write: the newest published_at ≤ now;
        - an article reaching its 下线时间 or a pin its 置顶截止, with no write: the newest such time ≤ now
          (whichever article passes it is the newest one passed since the last poll);
        - a deletion, which leaves no timestamp on any remaining row: the newest ArticleDeletion;
        - a section renamed, moved, added, removed or taken in or out of the navigation: a digest of the
          sections table (a few dozen rows; every list page shows the navigation and section names).
        Drafts' edits move it too; that costs one re-render per page, never a stale one.
        """
        from sections.models import Section

        article = connection.ops.quote_name(Article._meta.db_table)
        deletion = connection.ops.quote_name(ArticleDeletion._meta.db_table)
        section = connection.ops.quote_name(Section._meta.db_table)
        now = timezone.now()
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT
                    (SELECT MAX(updated_at) FROM {article}),
                    (SELECT MAX(published_at) FROM {article} WHERE status = %s AND published_at <= %s),
                    (SELECT MAX(expires_at) FROM {article} WHERE expires_at <= %s),
                    (SELECT MAX(pinned_until) FROM {article} WHERE pinned_until <= %s),
                    (SELECT MAX(id) FROM {deletion}),
                    (SELECT md5(string_agg(
                        concat_ws(':', id, name, slug, COALESCE(parent_id, 0), position, in_navigation, md5(description)),
                        ',' ORDER BY id
                    )) FROM {section})
                """,
                [Article.Status.PUBLISHED, now, now, now],
            )
            row = cursor.fetchone()
        return ":".join(f"{value.timestamp():.6f}" if hasattr(value, "timestamp") else str(value) for value in row)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        # The review states name the stage the article is waiting for; which of them a desk uses
        # depends on NEWSDESK["REVIEW_STAGES"] (see workflow.rules.pipeline).
        FIRST_REVIEW = "first_review", "已提交·待初审"
        SECOND_REVIEW = "second_review", "待复审"
        FINAL_REVIEW = "final_review", "待终审"
        APPROVED = "approved", "终审通过·待发布"
        # With a future published_at this is shown as 已排期; no separate state is stored.
        PUBLISHED = "published", "已发布"
        WITHDRAWN = "withdrawn", "已撤稿"

    class Kind(models.TextChoices):
        STANDARD = "standard", "文章"
        PICTURE = "picture", "图片新闻"

    title = models.CharField("标题", max_length=200)
    subtitle = models.CharField("副标题", max_length=200, blank=True)
    short_title = models.CharField("短标题", max_length=60, blank=True, help_text="列表中显示;留空则用标题。")
    summary = models.TextField("导语", blank=True, help_text="用于列表、RSS 和搜索引擎摘要。")
    body = ProseEditorField("正文", config={"extensions": EDITOR_EXTENSIONS}, sanitize=sanitize_body, blank=True)
    source_name = models.CharField("来源", max_length=100, blank=True)
    source_url = models.URLField("来源网址", blank=True)
    editor = models.ForeignKey(
        Editor,
        verbose_name="责任编辑",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="edited_articles",
    )
    reporters = models.ManyToManyField(
        Editor, verbose_name="记者", through="Byline", related_name="reported_articles", blank=True
    )
    section = models.ForeignKey(
        "sections.Section", verbose_name="栏目", on_delete=models.PROTECT, related_name="articles"
    )
    extra_sections = models.ManyToManyField(
        "sections.Section", verbose_name="同时发布到", blank=True, related_name="extra_articles"
    )
    tags = TaggableManager("标签", through="TaggedArticle", blank=True)
    kind = models.CharField("类型", max_length=20, choices=Kind, default=Kind.STANDARD)
    cover = models.ForeignKey(
        "images.Image", verbose_name="封面图", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        "发布时间",
        null=True,
        blank=True,
        db_index=True,
        help_text="已发布的稿件到这个时间才对读者可见;留空则发布时取当前时间。",
    )
    expires_at = models.DateTimeField(
        "下线时间",
        null=True,
        blank=True,
        db_index=True,
        help_text="到这个时间稿件自动对读者隐藏(无需任何操作);留空则一直在线。",
    )
    pinned_at = models.DateTimeField(
        "置顶时间", null=True, blank=True, editable=False, help_text="置顶到首页头条的时间;同时有几篇置顶时,最近置顶的一篇做头条。"
    )
    pinned_until = models.DateTimeField(
        "置顶截止", null=True, blank=True, editable=False, help_text="到这个时间自动取消置顶(无需任何操作);留空则一直置顶。"
    )
    version = models.PositiveIntegerField(
        "版本", default=0, editable=False, help_text="每次在后台保存加一;表单按它拒绝基于旧版本的保存。"
    )
    review_round = models.PositiveIntegerField(
        "送审轮次", default=0, editable=False, help_text="每次提交审核加一;一个人在同一轮里只能通过一个审级。"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后修改人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Where an imported article came from (manage.py import_pages): a second import updates it in place.
    import_key = models.CharField("导入标识", max_length=64, blank=True, editable=False)
    # Character bigrams of title, summary and body (search/text.py), written by save().
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ArticleManager()

    class Meta:
        verbose_name = "稿件"
        verbose_name_plural = "稿件"
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        permissions = [
            ("submit_article", "可以提交稿件审核"),
            ("review_article", "可以初审、复审和退回稿件"),
            ("final_review_article", "可以终审稿件"),
            ("publish_article", "可以发布、撤下和更正稿件"),
            ("pin_article", "可以把稿件置顶为首页头条"),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_status_published"),
            GinIndex(fields=["search_vector"], name="article_search_vector"),
            # Each section's newest published articles (home blocks, section pages): a short index scan.
            models.Index(
                fields=["section", "-published_at", "-id"],
                name="article_section_latest",
                condition=Q(status="published"),
            ),
            # The home page looks for live pins on every render; only a handful of rows are ever pinned.
            models.Index(fields=["-pinned_at"], condition=Q(pinned_at__isnull=False), name="article_pinned"),
            # Article.objects.site_fingerprint(): the newest write, and the newest pin end passed.
            models.Index(fields=["updated_at"], name="article_updated"),
            models.Index(fields=["pinned_until"], condition=Q(pinned_until__isnull=False), name="article_pin_ends"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["import_key"], condition=~Q(import_key=""), name="article_import_key_unique"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_empty"),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True) | Q(published_at__isnull=True) | Q(expires_at__gt=F("published_at")),
                name="article_expires_after_publishing",
                violation_error_message="下线时间必须晚于发布时间。",
            ),
            models.CheckConstraint(
                condition=Q(pinned_until__isnull=True) | Q(pinned_at__isnull=False, pinned_until__gt=F("pinned_at")),
                name="article_pin_ends_after_pinning",
                violation_error_message="置顶截止必须晚于置顶时间。",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.pk})

    def get_preview_url(self):
        return reverse("articles:preview", kwargs={"pk": self.pk})

    @property
    def modified_at(self):
        """When readers last saw a change: an article scheduled after its last edit was "modified" when it appeared."""
        return max(self.updated_at, self.published_at) if self.published_at else self.updated_at

    @property
    def list_title(self):
        return self.short_title or self.title

    def is_published(self):
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    is_published.boolean = True
    is_published.short_description = "读者可见"

    def is_pinned(self):
        return self.pinned_at is not None and (self.pinned_until is None or self.pinned_until > timezone.now())

    is_pinned.boolean = True
    is_pinned.short_description = "置顶"

    @property
    def schedule_state(self):
        """What an editor wants to know at a glance: 已排期, 已下线, or the stored status."""
        now = timezone.now()
        if self.status == self.Status.PUBLISHED and self.published_at and self.published_at > now:
            return "已排期"
        if self.status == self.Status.PUBLISHED and self.expires_at and self.expires_at <= now:
            return "已下线"
        return self.get_status_display()

    def save(self, *args, **kwargs):
        # Sanitized on every save, not only in the admin form: imports and scripts write here too.
        self.body = sanitize_body(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or SEARCH_FIELDS & set(update_fields):
            self.search_vector = self.search_vector_expression()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_vector"}
        super().save(*args, **kwargs)
        # What was written is an expression; the stored vector is read back only if someone asks.
        self.__dict__.pop("search_vector", None)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            ArticleDeletion.objects.create(article_pk=self.pk, title=self.title)
            return super().delete(*args, **kwargs)

    def search_vector_expression(self):
        literal = document_vector([(self.title, "A"), (self.summary, "B"), (html_to_text(self.body), "D")])
        return Cast(Value(literal), SearchVectorField())

    # Workflow verbs. Views and admin actions call these. Each checks role, section and state,
    # writes its audit record and runs in one transaction (workflow.transitions does the work).

    def check_action(self, action, *, by, comment="", extra_section_ids=None, until=None):
        """Raise PermissionDenied (role, section) or WorkflowError (state, rules) if `by` may not do `action` now."""
        from workflow import transitions

        transitions.check(self, action, by=by, comment=comment, extra_section_ids=extra_section_ids, until=until)

    def check_pictures_described(self):
        """Alt text is required for publishing: readers who cannot see a picture are told what it shows."""
        from images.models import images_missing_alt_text
        from workflow.rules import WorkflowError

        missing = images_missing_alt_text(self)
        if missing:
            names = "、".join(f"“{image}”" for image in missing)
            raise WorkflowError(f"发布前请为封面、图集和正文中的图片填写替代文字:{names}。", code="alt_text_missing")

    def submit(self, *, by, comment=""):
        from workflow import transitions

        transitions.submit(self, by=by, comment=comment)

    def approve(self, *, by, comment=""):
        from workflow import transitions

        transitions.approve(self, by=by, comment=comment)

    def send_back(self, *, by, comment):
        from workflow import transitions

        transitions.send_back(self, by=by, comment=comment)

    def publish(self, *, by, at=None, comment=""):
        """Make the article public at `at` (default: its set publish time, or now). A future time schedules it.

        From 待终审 this is the final approval and the publication in one step; on a one-stage desk it
        also submits a draft.
        """
        from workflow import transitions

        transitions.publish(self, by=by, at=at, comment=comment)

    def publish_archived(self, *, at, source=""):
        """Bring in a page already published on an older site, at its own time (see workflow.transitions)."""
        from workflow import transitions

        transitions.publish_archived(self, at=at, source=source)

    def withdraw(self, *, by, reason=""):
        from workflow import transitions

        transitions.withdraw(self, by=by, reason=reason)

    def correct(self, *, by, note):
        """Publish a correction note (更正) on a live article: its modified time changes, its publish time doesn't."""
        from workflow import transitions

        return transitions.correct(self, by=by, note=note)

    def pin(self, *, by, until=None):
        """Make this live article the home page's headline (置顶), until `until` if given (置顶截止)."""
        from workflow import transitions

        transitions.pin(self, by=by, until=until)

    def unpin(self, *, by):
        from workflow import transitions

        transitions.unpin(self, by=by)

    def correction_notes(self):
        """Published correction notes (更正), oldest first: objects with `text` and `at` (a datetime).

        Pages and feeds show these. `article.correct()` also saves the article, so updated_at moves
        and every cached feed and list refreshes.
        """
        return list(self.corrections.all())

    def related_news(self, limit=None):
        """The 相关新闻 block: editors' own entries first, then recent articles sharing tags, then the section.

        Costs a fixed number of queries whatever the number of entries.
        """
        limit = limit or settings.NEWSDESK["RELATED_COUNT"]
        public = Article.objects.published()
        # A correlated EXISTS looks each linked article up by its key; "target IN (every public article)"
        # made PostgreSQL hash the whole archive for a handful of links (52 ms at 100,000 articles).
        manual = list(
            self.related_links.filter(
                Q(target__isnull=True) | Q(Exists(public.filter(pk=OuterRef("target_id"))))
            ).select_related("target")
        )
        entries = [RelatedEntry.from_link(link) for link in manual][:limit]
        seen = {self.pk} | {link.target_id for link in manual if link.target_id}
        tag_ids = [tag.pk for tag in self.tags.all()]
        fillers = []
        if tag_ids and len(entries) < limit:
            fillers += list(
                public.filter(tags__in=tag_ids)
                .exclude(pk__in=seen)
                .distinct()
                .only("pk", "title", "short_title", "published_at")
                .order_by("-published_at", "-pk")[: limit - len(entries)]
            )
            seen |= {a.pk for a in fillers}
        if len(entries) + len(fillers) < limit:
            fillers += list(
                public.filter(section_id=self.section_id)
                .exclude(pk__in=seen)
                .only("pk", "title", "short_title", "published_at")
                .order_by("-published_at", "-pk")[: limit - len(entries) - len(fillers)]
            )
        return entries + [RelatedEntry.from_article(a, manual=False) for a in fillers]


class ArticleDeletion(models.Model):
    """An article was deleted (Article.delete() and the queryset's delete() write one, in the same transaction).

    A deletion leaves no timestamp on any remaining article, so the list pages' validator
    (Article.objects.site_fingerprint) reads the newest of these rows instead of counting every article.
    """

    article_pk = models.BigIntegerField("稿件编号")
    title = models.CharField("标题", max_length=200)
    deleted_at = models.DateTimeField("删除时间", default=timezone.now)

    class Meta:
        verbose_name = "已删除的稿件"
        verbose_name_plural = "已删除的稿件"

    def __str__(self):
        return self.title


@dataclass(frozen=True)
class RelatedEntry:
    title: str
    url: str
    external: bool
    manual: bool
    published_at: object = None

    @classmethod
    def from_article(cls, article, manual):
        return cls(article.list_title, article.get_absolute_url(), False, manual, article.published_at)

    @classmethod
    def from_link(cls, link):
        if link.target_id:
            entry = cls.from_article(link.target, manual=True)
            return cls(link.title or entry.title, entry.url, False, True, entry.published_at)
        return cls(link.title, link.url, True, True)


class Correction(models.Model):
    """A public correction note (更正), shown on the article page and in its feed item, with its time."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="corrections")
    note = models.TextField("更正说明")
    created_at = models.DateTimeField("更正时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "更正"
        verbose_name_plural = "更正"
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(note=""), name="correction_note_not_empty")]

    def __str__(self):
        return self.note

    # The names pages and feeds read (Article.correction_notes).
    @property
    def text(self):
        return self.note

    @property
    def at(self):
        return self.created_at


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    editor = models.ForeignKey(Editor, verbose_name="记者", on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "记者署名"
        verbose_name_plural = "记者署名"
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "editor"], name="byline_once_per_article")]

    def __str__(self):
        return self.editor.name


class TaggedArticle(TaggedItemBase):
    # A real foreign key rather than a generic relation, so tag pages join on integers.
    content_object = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = "稿件标签"
        verbose_name_plural = "稿件标签"
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="tag_once_per_article")]


class RelatedLink(models.Model):
    """One hand-picked 相关新闻 entry: either one of our articles, or an external page with its title."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    position = models.PositiveSmallIntegerField("排序", default=0)
    target = models.ForeignKey(
        Article,
        verbose_name="本站稿件",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.URLField("外部链接", blank=True)
    title = models.CharField("标题", max_length=200, blank=True, help_text="外部链接必填;本站稿件留空则用其标题。")

    class Meta:
        verbose_name = "相关新闻"
        verbose_name_plural = "相关新闻"
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(target__isnull=False) & Q(url=""))
                | (Q(target__isnull=True) & ~Q(url="") & ~Q(title="")),
                name="related_link_target_or_url",
                violation_error_message="请选择一篇本站稿件,或填写外部链接及其标题(二选一)。",
            ),
            models.CheckConstraint(condition=~Q(target=models.F("article")), name="related_link_not_self"),
        ]

    def __str__(self):
        return self.title or (self.target.title if self.target_id else self.url)
