"""The email queue in the admin, which editors may view (not change)."""

from django.db import migrations


def view_permission(apps):
    """The proxy's view permission (created now: normally it comes after migrating)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="newsroom", model="queuedemail"
    )
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_queuedemail",
        defaults={"name": "Can view email"},
    )[0]


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group:
        group.permissions.add(view_permission(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group:
        group.permissions.remove(view_permission(apps))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("comments", "0003_editors_group"),
    ]

    operations = [
        migrations.CreateModel(
            name="QueuedEmail",
            fields=[],
            options={
                "verbose_name": "email",
                "verbose_name_plural": "emails",
                "ordering": ["-enqueued_at"],
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("django_tasks_database.dbtaskresult",),
        ),
        migrations.RunPython(grant, revoke),
    ]
