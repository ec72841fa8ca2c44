"""Revisions: an exact JSON snapshot of an article's content after each save, comparison and restore."""

import difflib
import html
import re

from django.db import transaction
from django.utils.html import strip_tags

from .models import AuditEntry, Revision

# The content a revision keeps and a restore puts back. Workflow fields (status, times) are the audit
# trail's business: restoring an old text must not unpublish or reschedule an article.
SCALAR_FIELDS = ["title", "subtitle", "short_title", "summary", "body", "source_name", "source_url", "kind"]
FK_FIELDS = ["editor", "section", "cover"]
LABELS = {
    "extra_sections": "同时发布到",
    "tags": "标签",
    "bylines": "记者",
    "related_links": "相关新闻",
}


def snapshot(article):
    data = {name: getattr(article, name) for name in SCALAR_FIELDS}
    data |= {name: getattr(article, f"{name}_id") for name in FK_FIELDS}
    data["extra_sections"] = sorted(article.extra_sections.values_list("pk", flat=True))
    data["tags"] = sorted(article.tags.names())
    data["bylines"] = [[b.editor_id, b.position] for b in article.bylines.order_by("position", "pk")]
    data["related_links"] = [
        [link.position, link.target_id, link.url, link.title] for link in article.related_links.order_by("position", "pk")
    ]
    return data


def label(name):
    from articles.models import Article

    return LABELS.get(name) or str(Article._meta.get_field(name).verbose_name)


@transaction.atomic
def save_revision(article, *, by, comment=""):
    return Revision.objects.create(article=article, number=article.version, snapshot=snapshot(article), created_by=by, comment=comment)


@transaction.atomic
def restore(article, revision, *, by):
    """Put an older revision's content back, as a new save: the restore is itself a new revision."""
    from articles.models import Article, Byline, RelatedLink
    from images.models import Image

    from .rules import can_edit

    from django.core.exceptions import PermissionDenied

    locked = Article.objects.select_for_update().get(pk=article.pk)
    if by is not None and not can_edit(by, locked):
        raise PermissionDenied("你没有修改这篇稿件的权限。")
    data = revision.snapshot
    for name in SCALAR_FIELDS:
        setattr(locked, name, data[name])
    locked.editor_id = data["editor"]
    locked.section_id = data["section"]
    locked.cover_id = data["cover"] if data["cover"] and Image.objects.filter(pk=data["cover"]).exists() else None
    locked.version += 1
    locked.updated_by = by
    locked.save()
    locked.extra_sections.set(data["extra_sections"])
    locked.tags.set(data["tags"], clear=True)
    locked.bylines.all().delete()
    Byline.objects.bulk_create(Byline(article=locked, editor_id=e, position=p) for e, p in data["bylines"])
    locked.related_links.all().delete()
    existing = set(Article.objects.filter(pk__in=[t for _, t, _, _ in data["related_links"] if t]).values_list("pk", flat=True))
    RelatedLink.objects.bulk_create(
        RelatedLink(article=locked, position=p, target_id=t, url=u, title=ti)
        for p, t, u, ti in data["related_links"]
        if t is None or t in existing
    )
    new = save_revision(locked, by=by, comment=f"恢复自第 {revision.number} 版")
    AuditEntry.objects.create(
        article=locked, article_title=locked.title, actor=by, actor_name=by.get_username() if by else "",
        action=AuditEntry.Action.RESTORED, from_status=locked.status, to_status=locked.status,
        comment=f"恢复自第 {revision.number} 版", revision=new.number,
    )
    return new


def body_lines(body):
    """The body as readable text, one paragraph a line, for a diff an editor can read."""
    text = re.sub(r"(?i)<br\s*/?>|</(p|h[1-6]|li|blockquote|figcaption|tr)>", "\n", body or "")
    return [html.unescape(line).strip() for line in strip_tags(text).splitlines() if line.strip()]


def text_diff(old_lines, new_lines):
    """[(op, line)] with op one of ' ', '-', '+'."""
    rows = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [(" ", line) for line in old_lines[i1:i2]]
        else:
            rows += [("-", line) for line in old_lines[i1:i2]]
            rows += [("+", line) for line in new_lines[j1:j2]]
    return rows


def _display(name, value):
    from articles.models import Article, Editor
    from images.models import Image
    from sections.models import Section

    if value in (None, "", []):
        return "(空)"
    if name == "editor":
        return Editor.objects.filter(pk=value).values_list("name", flat=True).first() or f"#{value}"
    if name == "section":
        return Section.objects.filter(pk=value).values_list("name", flat=True).first() or f"#{value}"
    if name == "extra_sections":
        return "、".join(Section.objects.filter(pk__in=value).values_list("name", flat=True))
    if name == "cover":
        return Image.objects.filter(pk=value).values_list("title", flat=True).first() or f"#{value}"
    if name == "kind":
        return dict(Article.Kind.choices).get(value, value)
    if name == "tags":
        return "、".join(value)
    if name == "bylines":
        names = dict(Editor.objects.filter(pk__in=[e for e, _ in value]).values_list("pk", "name"))
        return "、".join(names.get(e, f"#{e}") for e, _ in value)
    if name == "related_links":
        titles = dict(Article.objects.filter(pk__in=[t for _, t, _, _ in value if t]).values_list("pk", "title"))
        return ";".join(ti or (titles.get(t, f"#{t}") if t else u) for _, t, u, ti in value)
    return str(value)


def compare(old, new):
    """Field-by-field differences between two snapshots: [{name, label, old, new, diff}] (diff only for the body)."""
    changes = []
    for name in [*SCALAR_FIELDS, *FK_FIELDS, "extra_sections", "tags", "bylines", "related_links"]:
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        change = {"name": name, "label": label(name)}
        if name == "body":
            change["diff"] = text_diff(body_lines(a), body_lines(b))
        else:
            change |= {"old": _display(name, a), "new": _display(name, b)}
        changes.append(change)
    return changes
