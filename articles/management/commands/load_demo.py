"""Fill an empty or demo database with a living site: sections, people, a month of articles, pictures.

Safe to run again: everything is matched on its name or title and updated in place.
"""

import io
from datetime import datetime, timedelta
from importlib import resources

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw

from articles.demo import content
from articles.models import Article, Byline, Editor, RelatedLink
from images.models import GalleryItem, Image
from sections.models import Section

DEMO_USER = ("demo", "newsdesk-demo")
DEMO_ROLE_USERS = [("reporter", "记者"), ("editor2", "编辑"), ("chief", "主编"), ("siteadmin", "管理员")]
GALLERY_SIZE = 3


def sample_body():
    """The sample page's body paragraphs, in simplified Chinese with the leaked pinyin removed."""
    text = resources.files("articles.demo").joinpath("sample-article.zh-hans.txt").read_text(encoding="utf-8")
    paragraphs = [line.strip() for line in text.splitlines() if line.startswith("  ") and line.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def demo_picture(seed, title):
    """A recognisable, distinct landscape-ish JPEG for each demo picture, drawn with Pillow."""
    palettes = [((31, 78, 121), (168, 205, 232)), ((120, 40, 31), (240, 190, 120)), ((30, 90, 50), (190, 230, 170)),
                ((70, 50, 110), (220, 200, 240)), ((110, 80, 20), (250, 220, 140)), ((20, 100, 110), (170, 230, 225))]
    top, bottom = palettes[seed % len(palettes)]
    width, height = 720, 480
    image = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    for i in range(3):
        x = (seed * 137 + i * 290) % width
        draw.polygon([(x - 260, height), (x, height // 2 - 40 * i), (x + 260, height)], fill=tuple(c // 2 for c in top))
    draw.ellipse([width - 200, 60, width - 100, 160], fill=(255, 240, 200))
    draw.text((24, 24), f"{seed + 1:02d}", fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return ContentFile(buffer.getvalue(), name=f"demo-{seed}.jpg")


class Command(BaseCommand):
    help = "创建演示数据:栏目、采编人员、稿件、图片和相关新闻。可重复运行。"

    @transaction.atomic
    def handle(self, *args, **options):
        now = timezone.now()
        sections = self.make_sections()
        editors = {name: Editor.objects.update_or_create(name=name, defaults={"bio": bio})[0] for name, bio in content.EDITORS}

        sample = self.upsert(
            title=content.SAMPLE["title"],
            summary=content.SAMPLE["summary"],
            body=sample_body(),
            source_name=content.SAMPLE["source_name"],
            source_url=content.SAMPLE["source_url"],
            editor=editors[content.SAMPLE["editor"]],
            section=sections[content.SAMPLE["section"]],
            published_at=timezone.make_aware(datetime.strptime(content.SAMPLE["published_at"], "%Y-%m-%d %H:%M")),
        )
        sample.extra_sections.set([sections[slug] for slug in content.SAMPLE["extra_sections"]])
        sample.tags.set(content.SAMPLE["tags"])

        articles = []
        for index, (section, title, summary, tags, source, editor, reporters, kind) in enumerate(content.ARTICLES):
            paragraphs = [summary] + [content.PARAGRAPHS[(index + k) % len(content.PARAGRAPHS)] for k in range(3)]
            article = self.upsert(
                title=title,
                summary=summary,
                body="".join(f"<p>{escape(p)}</p>" for p in paragraphs),
                source_name=source,
                editor=editors[editor],
                section=sections[section],
                kind=kind,
                published_at=now - timedelta(hours=7 * index + 1),
            )
            article.tags.set(tags)
            Byline.objects.filter(article=article).delete()
            Byline.objects.bulk_create(
                Byline(article=article, editor=editors[name], position=i) for i, name in enumerate(reporters)
            )
            if kind == Article.Kind.PICTURE:
                self.make_gallery(article, index, source)
            articles.append(article)

        # Editors' own 相关新闻 on the sample: one article of ours and one external page.
        RelatedLink.objects.filter(article=sample).delete()
        RelatedLink.objects.create(article=sample, position=0, target=articles[1])
        RelatedLink.objects.create(
            article=sample, position=1, url="http://www.gwytb.gov.cn/", title="国务院台办:持续为台胞台企办实事"
        )

        for section, title, state in content.UNPUBLISHED:
            # Demo rows are written directly: they stand for work already through review, not a review by nobody.
            scheduled = state == "scheduled"
            self.upsert(title=title, summary="演示:读者看不到这篇稿件。", body="<p>尚未发布。</p>",
                        section=sections[section], editor=editors["左妍冰"],
                        status=Article.Status.PUBLISHED if scheduled else Article.Status.DRAFT,
                        published_at=now + timedelta(days=30) if scheduled else None)

        self.make_demo_user()
        self.make_renditions()
        self.stdout.write(self.style.SUCCESS(f"演示数据就绪:{Article.objects.published().count()} 篇已发布稿件。"))

    def make_gallery(self, article, index, credit):
        """A picture story of three photos; the first is the cover. Same pixels on every run, so the library's
        content hash finds the existing entries and nothing is stored twice."""
        GalleryItem.objects.filter(article=article).delete()
        for position in range(GALLERY_SIZE):
            seed = index * GALLERY_SIZE + position
            caption = content.GALLERY_CAPTIONS[seed % len(content.GALLERY_CAPTIONS)]
            image, _ = Image.objects.get_or_create_for_file(
                demo_picture(seed, article.title),
                title=f"{article.title}({position + 1})",
                caption=caption,
                credit=credit,
                alt_text=f"{article.title.removeprefix('图集:')}:{caption}",
                focal_x=0.7,
                focal_y=0.3,
            )
            GalleryItem.objects.create(article=article, image=image, position=position, caption=caption)
            if position == 0 and article.cover_id != image.pk:
                article.cover = image
                article.save(update_fields=["cover"])

    def make_sections(self):
        sections = {}
        for name, slug, position, description, parent in content.SECTIONS:
            sections[slug] = Section.objects.update_or_create(
                slug=slug,
                defaults={"name": name, "position": position, "description": description,
                          "parent": sections.get(parent), "in_navigation": parent is None},
            )[0]
        return sections

    def upsert(self, *, title, status=Article.Status.PUBLISHED, **fields):
        article, _ = Article.objects.update_or_create(title=title, defaults={"status": status, **fields})
        return article

    def make_renditions(self):
        # On a development machine (`make run`) the demo's pictures come with their renditions made, so the first
        # page is quick. Tests run with DEBUG off and leave them to the pages, which make each one once on first view.
        if not settings.DEBUG:
            return
        from images.renditions import SPECS, renditions_for

        for image in Image.objects.filter(gallery_items__isnull=False).distinct().with_renditions():
            renditions_for(image, list(SPECS))

    def make_demo_user(self):
        # Only on a development machine: a known password must never exist in production.
        if not settings.DEBUG:
            return
        username, password = DEMO_USER
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name="编辑"))
        Editor.objects.filter(name="马一娜", user__isnull=True).update(user=user)
        self.stdout.write(f"编辑后台:/admin/ 用户名 {username} 密码 {password}")
        # One login per role, so the review workflow can be tried end to end (same password).
        for role_user, group in DEMO_ROLE_USERS:
            other, created = User.objects.get_or_create(username=role_user, defaults={"is_staff": True})
            if created:
                other.set_password(password)
                other.save()
            other.groups.add(Group.objects.get(name=group))
        self.stdout.write("审稿流程演示账号(密码同上):" + "、".join(f"{u}({g})" for u, g in DEMO_ROLE_USERS))
