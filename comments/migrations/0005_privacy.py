"""Personal data: the deleted-text placeholder, and who may export or erase.

Editors handle commenters' requests, so the Editors group gets both new
permissions.
"""

from django.db import migrations, models

PERMISSIONS = {
    "export_personal_data": "Can export commenters' personal data",
    "erase_personal_data": "Can erase commenters' personal data",
}


def editors_permissions(apps):
    """The new permissions (created now: normally they come after migrating)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="comments", model="comment"
    )
    return [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS.items()
    ]


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group:
        group.permissions.add(*editors_permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group:
        group.permissions.remove(*editors_permissions(apps))


class Migration(migrations.Migration):

    dependencies = [
        ('comments', '0004_notify_replies'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='comment',
            options={'ordering': ['-submitted_at'], 'permissions': [('moderate_comment', 'Can moderate comments'), ('export_personal_data', "Can export commenters' personal data"), ('erase_personal_data', "Can erase commenters' personal data")], 'verbose_name': 'comment', 'verbose_name_plural': 'comments'},
        ),
        migrations.AddField(
            model_name='comment',
            name='is_removed',
            field=models.BooleanField(default=False, help_text="The text was deleted at the commenter's request; the comment stays as a placeholder so that its replies still read as a thread.", verbose_name='text deleted'),
        ),
        migrations.RunPython(grant, revoke),
    ]
