import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    # Exits non-zero, failing the test, if any model differs from its migrations.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_role_groups_exist_and_only_the_chief_editor_publishes():
    from django.contrib.auth.models import Group

    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    editor = codenames("编辑")
    assert {"add_article", "change_article", "review_article", "add_relatedlink", "add_section", "add_image"} <= editor
    assert not {"publish_article", "final_review_article"} & editor
    assert {"publish_article", "final_review_article", "review_article"} <= codenames("主编")
    assert {"add_article", "submit_article"} <= codenames("记者")
    assert not {"review_article", "publish_article", "delete_article"} & codenames("记者")
    assert {"add_user", "add_sectionassignment"} <= codenames("管理员")
    assert "publish_article" not in codenames("管理员")
