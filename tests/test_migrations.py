import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    # Exits non-zero, failing the test, if any model differs from its migrations.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_editor_group_exists_with_publishing_rights():
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name="编辑").permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "publish_article", "add_relatedlink", "add_section", "add_image"} <= codenames
