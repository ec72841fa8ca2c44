"""The 编辑 group (articles 0002) gets the picture library's new models: galleries, image tags, the watermark."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "编辑"
PERMISSIONS = {
    "galleryitem": ["view", "add", "change", "delete"],
    "taggedimage": ["view", "add", "change", "delete"],
    "watermark": ["view", "change"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("images")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    for model, actions in PERMISSIONS.items():
        for action in actions:
            group.permissions.add(Permission.objects.get(content_type__app_label="images", codename=f"{action}_{model}"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="images", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0002_picture_library_renditions_gallery_watermark"),
        ("articles", "0002_create_editor_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
