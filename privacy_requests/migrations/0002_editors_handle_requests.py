"""Editors see readers' privacy requests and approve erasures."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_privacyrequest", "change_privacyrequest"]


def permissions(apps):
    config = apps.get_app_config("privacy_requests")
    config.models_module = True
    create_permissions(config, verbosity=0)
    config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="privacy_requests", codename__in=CODENAMES
    )


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group:
        group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name="Editors").first()
    if group:
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("privacy_requests", "0001_initial"),
        ("comments", "0005_privacy"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
