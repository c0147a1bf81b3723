from django.db import migrations


def render_all(apps, schema_editor):
    from comments.rendering import render_stale

    render_stale(apps.get_model("comments", "Comment").objects.order_by("pk"))


class Migration(migrations.Migration):
    dependencies = [("comments", "0016_comment_html")]

    # Backwards there is nothing to undo: the column goes with 0007.
    operations = [migrations.RunPython(render_all, migrations.RunPython.noop)]
