"""The 编辑 group: a staff user who is not a superuser can do the whole desk's work from it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "编辑"
PERMISSIONS = {
    "articles": {
        "article": ["view", "add", "change", "delete", "publish"],
        "byline": ["view", "add", "change", "delete"],
        "relatedlink": ["view", "add", "change", "delete"],
        "taggedarticle": ["view", "add", "change", "delete"],
        "editor": ["view", "add", "change"],
    },
    "sections": {"section": ["view", "add", "change"]},
    "images": {"image": ["view", "add", "change"]},
    "taggit": {"tag": ["view", "add", "change"]},
}


def codename(action, model):
    return "publish_article" if action == "publish" else f"{action}_{model}"


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations run; make them now so the group can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, models in PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename(action, model))
                )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_create_articles"),
        ("sections", "0001_create_sections"),
        ("images", "0001_create_images"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
