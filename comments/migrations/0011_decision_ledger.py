# The decision ledger, with the admin history carried over into it.

import json
import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings

from django.db import migrations, models

# Marks the rows carried over from the admin history, for the reverse.
CARRIED = uuid.UUID("5c1f0d5e-0000-4000-8000-000000000007")
ADDITION, CHANGE = 1, 2


def decision_from(entry, comment_ids):
    """The ledger row for one admin-history entry about a comment, if any."""
    if not entry.object_id.isdigit() or int(entry.object_id) not in comment_ids:
        return None
    common = {
        "comment_id": int(entry.object_id),
        "batch": CARRIED,
        "created_at": entry.action_time,
        "actor": "editor",
        "user_id": entry.user_id,
    }
    if entry.action_flag == ADDITION:
        return {**common, "source": "reply", "to_status": "approved"}
    try:
        message = json.loads(entry.change_message)
    except ValueError:
        return None
    status = message[0].get("status") if isinstance(message, list) and message else None
    if entry.action_flag != CHANGE or status is None:
        return None
    return {**common, "source": "history", "to_status": status}


def carry_history(apps, schema_editor):
    LogEntry = apps.get_model("admin", "LogEntry")
    Comment = apps.get_model("comments", "Comment")
    Decision = apps.get_model("comments", "Decision")
    comment_ids = set(Comment.objects.values_list("pk", flat=True))
    entries = LogEntry.objects.filter(
        content_type__app_label="comments", content_type__model="comment"
    ).order_by("action_time", "pk")
    rows = filter(None, (decision_from(entry, comment_ids) for entry in entries))
    Decision.objects.bulk_create(Decision(**row) for row in rows)


def drop_carried(apps, schema_editor):
    apps.get_model("comments", "Decision").objects.filter(batch=CARRIED).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ('comments', '0010_merge_20261201_2231'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Decision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('batch', models.UUIDField(default=uuid.uuid4, verbose_name='decided together')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='when')),
                ('actor', models.CharField(choices=[('editor', 'an editor'), ('policy', 'the automatic policy'), ('report', "readers' reports"), ('ban', 'a block'), ('importer', 'the importer'), ('erasure', 'an erasure request'), ('undo', 'an undo'), ('purge', 'the automatic purge')], max_length=10, verbose_name='who')),
                ('source', models.CharField(choices=[('button', 'queue button'), ('bulk', 'bulk action'), ('email', 'email link'), ('desk', 'desk'), ('admin_form', 'comment page'), ('reply', 'reply as the newsroom'), ('comment_form', 'comment form'), ('report_form', 'report form'), ('command', 'command'), ('history', 'earlier admin history')], max_length=20, verbose_name='from where')),
                ('from_status', models.CharField(blank=True, choices=[('pending', 'Pending'), ('approved', 'Approved'), ('spam', 'Spam'), ('trash', 'Trash')], max_length=10, verbose_name='from')),
                ('to_status', models.CharField(choices=[('pending', 'Pending'), ('approved', 'Approved'), ('spam', 'Spam'), ('trash', 'Trash')], max_length=10, verbose_name='to')),
                ('reason', models.CharField(blank=True, choices=[('spam', 'spam'), ('abusive', 'abusive'), ('off_topic', 'off-topic'), ('personal_information', 'personal information'), ('other', 'other')], max_length=20, verbose_name='reason')),
                ('note', models.CharField(blank=True, max_length=500, verbose_name='why')),
                ('comment', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions', to='comments.comment', verbose_name='comment')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='comment_decisions', to=settings.AUTH_USER_MODEL, verbose_name='editor')),
            ],
            options={
                'verbose_name': 'decision',
                'verbose_name_plural': 'decisions',
                'ordering': ['-created_at', '-pk'],
                'indexes': [models.Index(fields=['comment', 'created_at'], name='comments_de_comment_299e84_idx'), models.Index(fields=['batch'], name='comments_de_batch_9336ee_idx'), models.Index(fields=['created_at', 'actor'], name='comments_de_created_e8fb1b_idx')],
            },
        ),
        migrations.RunPython(carry_history, drop_carried),
    ]
