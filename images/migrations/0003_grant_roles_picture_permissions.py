"""The editorial roles (workflow 0002) get the picture library's new models: galleries and image tags for
all who write; the desk watermark for 编辑 and 主编."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITING = {"galleryitem": ["view", "add", "change", "delete"], "taggedimage": ["view", "add", "change", "delete"]}
GROUPS = {
    "记者": WRITING,
    "编辑": {**WRITING, "watermark": ["view", "change"]},
    "主编": {**WRITING, "watermark": ["view", "change"]},
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("images")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GROUPS):
        for model, actions in GROUPS[group.name].items():
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(content_type__app_label="images", codename=f"{action}_{model}")
                )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for perms in GROUPS.values() for model, actions in perms.items() for action in actions]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="images", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0002_picture_library_renditions_gallery_watermark"),
        ("articles", "0002_create_editor_group"),
        # After the roles exist: workflow 0002 sets each role's permissions afresh.
        ("workflow", "0002_create_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
