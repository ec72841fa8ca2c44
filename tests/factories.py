"""Factories shared by every test module. Articles are published in the past unless a test says otherwise."""

import io
from datetime import timedelta

import factory
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from articles.models import Article, Byline, Editor, RelatedLink
from images.models import Image
from sections.models import Section


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 30, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw-for-tests")


class DeskEditorUserFactory(UserFactory):
    """A staff user who is not a superuser and works from the 编辑 group that the migration creates."""

    is_staff = True

    @factory.post_generation
    def desk_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="编辑"))


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    position = factory.Sequence(int)


class EditorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Editor

    name = factory.Iterator(["马一娜", "左妍冰", "陈思远", "林晓雯"])


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    # Distinct pixels per image (PNG is lossless, so distinct bytes): the library keeps one entry per content.
    file = factory.Sequence(
        lambda n: ContentFile(image_bytes("PNG", color=(n % 256, n // 256 % 256, 90)), name="cover.png")
    )
    title = factory.Sequence(lambda n: f"图片{n}")
    alt_text = "测试图片"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"测试稿件标题{n}")
    summary = "一段导语。"
    body = "<p>正文第一段。</p><p>正文第二段。</p>"
    source_name = "中国台湾网"
    editor = factory.SubFactory(EditorFactory)
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.Sequence(lambda n: timezone.now() - timedelta(days=1, minutes=n))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(hours=1)))
        withdrawn = factory.Trait(status=Article.Status.WITHDRAWN)
        picture = factory.Trait(kind=Article.Kind.PICTURE, cover=factory.SubFactory(ImageFactory))


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    editor = factory.SubFactory(EditorFactory)


class RelatedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedLink

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(int)
    target = factory.SubFactory(ArticleFactory)


# Issue 3: the desk's roles, as groups created by workflow/migrations/0002_create_roles.py.


class ReporterUserFactory(UserFactory):
    """记者: writes their own drafts and submits them."""

    is_staff = True

    @factory.post_generation
    def desk_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="记者"))


class ChiefEditorUserFactory(UserFactory):
    """主编: final review, publishing, withdrawing, corrections."""

    is_staff = True

    @factory.post_generation
    def desk_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="主编"))


class SiteAdminUserFactory(UserFactory):
    """管理员: people, roles and sections; no editorial powers of its own."""

    is_staff = True

    @factory.post_generation
    def desk_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="管理员"))


class SectionAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workflow.SectionAssignment"

    user = factory.SubFactory(DeskEditorUserFactory)
    section = factory.SubFactory(SectionFactory)
