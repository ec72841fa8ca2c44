"""The desk's four roles as groups: 记者 (reporter), 编辑 (editor), 主编 (chief editor), 管理员 (site admin).

The 编辑 group made by articles 0002 could publish; under the review workflow publishing and the final
review belong to 主编 (a one-stage desk lets 编辑 publish by setting, see workflow.rules.may).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "articles": {
        "byline": ["view", "add", "change", "delete"],
        "relatedlink": ["view", "add", "change", "delete"],
        "taggedarticle": ["view", "add", "change", "delete"],
    },
    "images": {"image": ["view", "add", "change"]},
    "taggit": {"tag": ["view", "add", "change"]},
}
ROLES = {
    # Writes own drafts (the admin limits change to their own drafts) and submits them.
    "记者": {
        **CONTENT,
        "articles": {**CONTENT["articles"], "article": ["view", "add", "change", "submit"], "editor": ["view"]},
        "sections": {"section": ["view"]},
    },
    # Edits and reviews (初审, 复审), sends back.
    "编辑": {
        **CONTENT,
        "articles": {
            **CONTENT["articles"],
            "article": ["view", "add", "change", "delete", "submit", "review"],
            "editor": ["view", "add", "change"],
            "correction": ["view"],
        },
        "sections": {"section": ["view", "add", "change"]},
        "workflow": {"auditentry": ["view"]},
    },
    # Everything an editor does, plus 终审, publishing, withdrawing and corrections.
    "主编": {
        **CONTENT,
        "articles": {
            **CONTENT["articles"],
            "article": ["view", "add", "change", "delete", "submit", "review", "final_review", "publish"],
            "editor": ["view", "add", "change"],
            "correction": ["view"],
        },
        "sections": {"section": ["view", "add", "change"]},
        "workflow": {"auditentry": ["view"], "sectionassignment": ["view"]},
    },
    # Runs the site: people, roles, section assignments, sections. Editorial powers come from 主编, not from here.
    "管理员": {
        "auth": {"user": ["view", "add", "change"], "group": ["view", "add", "change"]},
        "articles": {"article": ["view"], "editor": ["view", "add", "change", "delete"], "correction": ["view"]},
        "sections": {"section": ["view", "add", "change", "delete"]},
        "workflow": {"auditentry": ["view"], "sectionassignment": ["view", "add", "change", "delete"]},
    },
}
WORKFLOW_VERBS = {"submit", "review", "final_review", "publish"}


def codename(action, model):
    return f"{action}_{model}"


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app_label, codename=codename(action, model))
                for app_label, models in grants.items()
                for model, actions in models.items()
                for action in actions
            ]
        )


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name__in=["记者", "主编", "管理员"]).delete()
    editor = Group.objects.filter(name="编辑").first()
    if editor:
        editor.permissions.add(Permission.objects.get(content_type__app_label="articles", codename="publish_article"))


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0001_create_workflow"),
        ("articles", "0003_workflow_states_expiry_corrections"),
        ("articles", "0002_create_editor_group"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
