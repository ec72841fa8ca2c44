"""Who may do what, where. Pure checks: nothing here writes."""

from django.conf import settings
from django.core.exceptions import ValidationError

STAGE_NAMES = {"first_review": "初审", "second_review": "复审", "final_review": "终审"}
# Powers that belong to the 主编 on a multi-stage desk and to every reviewer on a one-stage desk.
CHIEF_PERMISSIONS = {"final_review_article", "publish_article", "pin_article"}


class WorkflowError(ValidationError):
    """A refusal the editor can act on (wrong state, same person twice, missing comment): shown on the form."""


def pipeline():
    """The review states an article passes through, in order, for this desk's number of stages."""
    stages = settings.NEWSDESK["REVIEW_STAGES"]
    return ["first_review", "second_review"][: stages - 1] + ["final_review"]


def may(user, permission):
    """A role check. On a one-stage desk the reviewer's approval is the final one, so 编辑 may publish."""
    if user.has_perm(f"articles.{permission}"):
        return True
    return (
        permission in CHIEF_PERMISSIONS
        and settings.NEWSDESK["REVIEW_STAGES"] == 1
        and user.has_perm("articles.review_article")
    )


def stage_permission(stage):
    return "final_review_article" if stage == "final_review" else "review_article"


def allowed_section_ids(user):
    """None means desk-wide; otherwise the sections assigned to the user and their subsections."""
    if user.is_superuser:
        return None
    from sections.models import Section

    assigned = list(user.section_assignments.values_list("section_id", flat=True))
    if not assigned:
        return None
    children = Section.objects.filter(parent_id__in=assigned).values_list("pk", flat=True)
    return set(assigned) | set(children)


def sections_outside(user, section_ids):
    allowed = allowed_section_ids(user)
    if allowed is None:
        return set()
    return {pk for pk in section_ids if pk is not None} - allowed


def can_edit(user, article):
    """Whether `user` may change this article's content in its current state."""
    from articles.models import Article

    if user.is_superuser:
        return True
    if not user.has_perm("articles.change_article"):
        return False
    if article.pk and sections_outside(user, [article.section_id, *article.extra_sections.values_list("pk", flat=True)]):
        return False
    status = article.status
    if status in (Article.Status.PUBLISHED, Article.Status.APPROVED):
        return may(user, "publish_article")
    if status in pipeline() or status in STAGE_NAMES:
        return user.has_perm("articles.review_article") or may(user, "final_review_article")
    # Drafts and withdrawn pieces: their author, or anyone who reviews.
    return article.created_by_id == user.pk or user.has_perm("articles.review_article") or article.pk is None
