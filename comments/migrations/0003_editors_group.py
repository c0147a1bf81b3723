"""The Editors group: staff who moderate comments and edit articles."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
PERMISSIONS = [
    ("articles", "view_article"),
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("comments", "view_comment"),
    ("comments", "change_comment"),
    ("comments", "moderate_comment"),
    ("comments", "view_keyword"),
    ("comments", "add_keyword"),
    ("comments", "change_keyword"),
    ("comments", "delete_keyword"),
]


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make
    # sure they exist now so the group can hold them on a fresh database.
    for label in ("articles", "comments"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("comments", "0002_moderation_reasons_and_keywords"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
