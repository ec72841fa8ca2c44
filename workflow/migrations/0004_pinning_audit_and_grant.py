"""置顶 (pinning an article as the home headline): the audit log's two new actions, and the right to pin
for 主编. On a one-stage desk 编辑 may pin too, by setting rather than by grant (workflow.rules.may)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def grant_pinning(apps, schema_editor):
    # The permission row is normally made after migrate; make it now so the grant can refer to it.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    chief, _ = Group.objects.get_or_create(name="主编")
    chief.permissions.add(Permission.objects.get(content_type__app_label="articles", codename="pin_article"))


def revoke_pinning(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="articles", codename="pin_article").delete()


class Migration(migrations.Migration):

    dependencies = [
        ('workflow', '0003_add_imported_audit_action'),
        ('articles', '0005_add_home_pinning'),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditentry',
            name='action',
            field=models.CharField(choices=[('created', '新建'), ('edited', '修改'), ('submitted', '提交审核'), ('approved', '审核通过'), ('sent_back', '退回'), ('published', '发布'), ('imported', '导入(原站已发布)'), ('scheduled', '排期发布'), ('withdrawn', '撤下'), ('corrected', '更正'), ('pinned', '置顶'), ('unpinned', '取消置顶'), ('restored', '恢复版本'), ('preview_shared', '生成预览链接'), ('preview_revoked', '撤销预览链接')], max_length=20, verbose_name='操作'),
        ),
        migrations.RunPython(grant_pinning, revoke_pinning),
    ]
