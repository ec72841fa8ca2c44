"""manage.py import_pages PATH... — captured pages of older sites into articles (drafts by default)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.html import escape

from articles.importer import ParseError, decode, parse_capture
from articles.models import Article, Editor
from sections.models import Section

SUFFIXES = {".txt", ".html", ".htm"}


def expand(paths):
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


class Command(BaseCommand):
    help = "导入抓取的旧站页面(文本或 HTML):去掉拼音注音、转为简体、提取标题/时间/来源/正文/编辑/栏目。重复导入同一页面会更新而不会重复。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="文件或目录(目录中的 .txt/.html/.htm 全部导入)")
        parser.add_argument("--publish", action="store_true", help="导入后按原发布时间发布;默认存为草稿")
        parser.add_argument("--dry-run", action="store_true", help="只显示将会做什么,不写数据库")
        parser.add_argument("--section", metavar="SLUG", help="页面中没有可识别的栏目时使用的栏目")

    def handle(self, *args, **options):
        paths = options["paths"]
        default_section = None
        if options["section"]:
            default_section = Section.objects.filter(slug=options["section"]).first()
            if default_section is None:
                raise CommandError(f"没有 slug 为“{options['section']}”的栏目。")
        files = list(expand(paths))
        counts = {"created": 0, "updated": 0}
        failures = []
        width = len(str(len(files)))
        for number, path in enumerate(files, 1):
            progress = f"[{number:>{width}}/{len(files)}] {path}"
            try:
                action, title = self.import_one(path, default_section, options["publish"], options["dry_run"])
            except ParseError as error:
                failures.append((path, str(error)))
                self.stderr.write(f"{progress}: 跳过:{error}")
                continue
            counts[action] += 1
            verb = {"created": "新建", "updated": "更新"}[action]
            prefix = "将" if options["dry_run"] else ""
            state = "并发布" if options["publish"] else ""
            self.stdout.write(f"{progress}: {prefix}{verb}{state}《{title}》")

        summary = f"{'(试运行,未写入)' if options['dry_run'] else ''}共 {len(files)} 个文件:新建 {counts['created']},更新 {counts['updated']},失败 {len(failures)}。"
        self.stdout.write(self.style.SUCCESS(summary) if not failures else summary)
        if failures:
            self.stderr.write("无法导入的文件:")
            for path, reason in failures:
                self.stderr.write(f"  {path}: {reason}")
            raise CommandError(f"{len(failures)} 个文件无法导入,原因见上。")

    def import_one(self, path, default_section, publish, dry_run):
        try:
            data = path.read_bytes()
        except OSError as error:
            raise ParseError(f"无法读取文件({error.strerror})") from None
        page = parse_capture(decode(data))
        section = Section.objects.filter(name=page.section_name).first() if page.section_name else None
        section = section or default_section
        if section is None:
            hint = f"页面中的栏目“{page.section_name}”不存在" if page.section_name else "页面中没有栏目信息"
            raise ParseError(f"{hint};请用 --section 指定栏目")
        article = Article.objects.filter(import_key=page.import_key).first()
        action = "updated" if article else "created"
        if dry_run:
            return action, page.title
        with transaction.atomic():
            editor = None
            if page.editor_name:
                editor = Editor.objects.filter(name=page.editor_name).order_by("pk").first()
                editor = editor or Editor.objects.create(name=page.editor_name)
            article = article or Article(import_key=page.import_key, status=Article.Status.DRAFT)
            article.title = page.title
            article.body = "".join(f"<p>{escape(p)}</p>" for p in page.paragraphs)
            article.source_name = page.source_name
            article.editor = editor
            article.section = section
            article.published_at = page.published_at
            article.save()
            if publish and not article.is_published():
                article.publish_archived(at=page.published_at, source=str(path))
        return action, page.title
