"""The comments app's migrations in one, for the wheel (setup.py puts it in
comments/migrations/ in place of the ones it replaces).

A host project has none of this site's other apps, on which the site's own
history depends (comments began on articles.Article); this migration makes
the same tables from nothing and the Editors group with its permissions.
The site itself keeps its history and never loads this file. Made with
`makemigrations comments` in tests/host against an empty migrations package,
plus `replaces` and the Editors group; tests/test_host_project.py checks
that it still matches the models.
"""

import uuid

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

GROUP = "Editors"
PERMISSIONS = [
    "view_comment",
    "change_comment",
    "moderate_comment",
    "export_personal_data",
    "erase_personal_data",
    "view_keyword",
    "add_keyword",
    "change_keyword",
    "delete_keyword",
    "view_discussion",
    "add_discussion",
    "change_discussion",
]


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make
    # sure they exist now so the group can hold them on a fresh database.
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("comments")
    config.models_module = True
    create_permissions(config, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="comments", codename__in=PERMISSIONS
        )
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('comments', '0001_initial'),
        ('comments', '0002_moderation_reasons_and_keywords'),
        ('comments', '0003_editors_group'),
        ('comments', '0004_notify_replies'),
        ('comments', '0005_privacy'),
        ('comments', '0006_newsroom_replies'),
        ('comments', '0007_attempt_budgets'),
        ('comments', '0007_page_versions'),
        ('comments', '0008_editor_profiles'),
        ('comments', '0008_merge_0007_attempt_budgets_0007_page_versions'),
        ('comments', '0009_notification_addresses'),
        ('comments', '0010_merge_20261201_2231'),
        ('comments', '0011_decision_ledger'),
        ('comments', '0012_purge'),
        ('comments', '0013_blocks'),
        ('comments', '0014_reports'),
        ('comments', '0015_featured'),
        ('comments', '0016_comment_html'),
        ('comments', '0016_email_and_address_indexes'),
        ('comments', '0017_render_comment_html'),
        ('comments', '0018_comment_edited_at'),
        ('comments', '0019_recommendations'),
        ('comments', '0020_merge_20261201_2339'),
        ('comments', '0021_discussions'),
        ('comments', '0022_comments_to_discussions'),
        ('comments', '0023_discussion_required'),
    ]

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Attempts',
            fields=[
                ('key', models.CharField(max_length=64, primary_key=True, serialize=False)),
                ('window_start', models.BigIntegerField()),
                ('spent', models.PositiveIntegerField()),
            ],
            options={
                'verbose_name': 'attempt count',
                'verbose_name_plural': 'attempt counts',
            },
        ),
        migrations.CreateModel(
            name='Discussion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.CharField(blank=True, max_length=64, verbose_name='object id')),
                ('url', models.URLField(blank=True, help_text='The external page the discussion is embedded in.', max_length=500, null=True, unique=True, verbose_name='page URL')),
                ('title', models.CharField(blank=True, max_length=300, verbose_name='title')),
                ('comments_open', models.BooleanField(default=True, verbose_name='comments open')),
                ('closes_at', models.DateTimeField(blank=True, help_text='Empty: comments close COMMENTS_CLOSE_AFTER_DAYS after publication, if that is set.', null=True, verbose_name='comments close')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype', verbose_name='kind of page')),
            ],
            options={
                'verbose_name': 'discussion',
                'verbose_name_plural': 'discussions',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='EditorProfile',
            fields=[
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='editor_profile', serialize=False, to=settings.AUTH_USER_MODEL)),
                ('display_name', models.CharField(help_text='Signs your replies as the newsroom, e.g. “Mira Sokolova, science desk”. Readers never see your login name.', max_length=100, verbose_name='display name')),
            ],
            options={
                'verbose_name': "editor's profile",
                'verbose_name_plural': "editors' profiles",
            },
        ),
        migrations.CreateModel(
            name='NotificationAddress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('email', models.EmailField(max_length=100, unique=True, verbose_name='email')),
                ('asked_at', models.DateTimeField(verbose_name='confirmation last sent')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmed')),
            ],
            options={
                'verbose_name': 'notification address',
                'verbose_name_plural': 'notification addresses',
            },
        ),
        migrations.CreateModel(
            name='BudgetRefusal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField()),
                ('budget', models.CharField(max_length=20)),
                ('refused', models.PositiveIntegerField()),
            ],
            options={
                'verbose_name': 'budget refusal count',
                'verbose_name_plural': 'budget refusal counts',
                'constraints': [models.UniqueConstraint(fields=('day', 'budget'), name='unique_refusal')],
            },
        ),
        migrations.CreateModel(
            name='Comment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('author_name', models.CharField(max_length=245, verbose_name='name')),
                ('author_email', models.EmailField(max_length=100, verbose_name='email')),
                ('author_url', models.URLField(blank=True, verbose_name='website')),
                ('body', models.TextField(max_length=65525, verbose_name='comment')),
                ('body_html', models.TextField(blank=True, editable=False, verbose_name='comment as HTML')),
                ('body_html_key', models.CharField(blank=True, editable=False, max_length=40)),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('approved', 'Approved'), ('spam', 'Spam'), ('trash', 'Trash')], default='pending', max_length=10, verbose_name='status')),
                ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='submitted')),
                ('edited_at', models.DateTimeField(blank=True, null=True, verbose_name='edited by its author')),
                ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP address')),
                ('user_agent', models.CharField(blank=True, max_length=500, verbose_name='user agent')),
                ('notify_replies', models.BooleanField(default=False, help_text='Email the author when this comment is approved or answered.', verbose_name='notify of follow-up comments')),
                ('is_removed', models.BooleanField(default=False, help_text="The text was deleted at the commenter's request; the comment stays as a placeholder so that its replies still read as a thread.", verbose_name='text deleted')),
                ('by_newsroom', models.BooleanField(default=False, verbose_name='written by the newsroom')),
                ('recommend_count', models.PositiveIntegerField(default=0, verbose_name='recommendations')),
                ('featured', models.BooleanField(default=False, help_text='Shown first under the article, with a badge.', verbose_name="editors' pick")),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='replies', to='comments.comment', verbose_name='in reply to')),
                ('discussion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='comments.discussion', verbose_name='discussion')),
            ],
            options={
                'verbose_name': 'comment',
                'verbose_name_plural': 'comments',
                'ordering': ['-submitted_at'],
                'permissions': [('moderate_comment', 'Can moderate comments'), ('export_personal_data', "Can export commenters' personal data"), ('erase_personal_data', "Can erase commenters' personal data")],
            },
        ),
        migrations.CreateModel(
            name='PageVersion',
            fields=[
                ('discussion', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='page_version', serialize=False, to='comments.discussion')),
                ('token', models.CharField(max_length=32)),
            ],
            options={
                'verbose_name': 'page version',
                'verbose_name_plural': 'page versions',
            },
        ),
        migrations.CreateModel(
            name='Keyword',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('moderate', 'Hold for moderation'), ('disallow', 'Send to spam')], max_length=10, verbose_name='what it does')),
                ('term', models.CharField(help_text='Matched without regard to case in the name, email, website, text, IP address and user agent; a plain word matches whole words only.', max_length=200, verbose_name='word, name, URL, email or IP address')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='added')),
            ],
            options={
                'verbose_name': 'moderation word',
                'verbose_name_plural': 'moderation words',
                'ordering': ['kind', 'term'],
                'constraints': [models.UniqueConstraint(fields=('kind', 'term'), name='unique_keyword')],
            },
        ),
        migrations.CreateModel(
            name='ModerationReason',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(choices=[('manual_approval', 'Manual approval'), ('links', 'Too many links'), ('moderation_term', 'Moderation word'), ('disallowed_term', 'Disallowed word'), ('honeypot', 'Honeypot'), ('known_author', 'Known author'), ('no_rule_matched', 'No rule matched'), ('flood', 'Posting too quickly'), ('duplicate', 'Duplicate'), ('blocked', 'Blocked author')], max_length=20, verbose_name='rule')),
                ('field', models.CharField(blank=True, max_length=20, verbose_name='field')),
                ('detail', models.CharField(blank=True, max_length=200, verbose_name='detail')),
                ('comment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reasons', to='comments.comment')),
            ],
            options={
                'verbose_name': 'moderation reason',
                'verbose_name_plural': 'moderation reasons',
            },
        ),
        migrations.CreateModel(
            name='Recommendation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('browser', models.CharField(max_length=64)),
                ('address', models.CharField(blank=True, max_length=64)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('comment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recommendations', to='comments.comment')),
            ],
            options={
                'verbose_name': 'recommendation',
                'verbose_name_plural': 'recommendations',
            },
        ),
        migrations.CreateModel(
            name='Report',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(choices=[('spam', 'spam'), ('abusive', 'abusive'), ('off_topic', 'off-topic'), ('personal_information', 'personal information'), ('other', 'other')], max_length=20, verbose_name='reason')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                ('reporter', models.CharField(max_length=64, verbose_name='reader')),
                ('ip_address', models.GenericIPAddressField(null=True, verbose_name='IP address')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='reported')),
                ('dismissed_at', models.DateTimeField(blank=True, null=True, verbose_name='dismissed')),
                ('comment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='comments.comment', verbose_name='comment')),
            ],
            options={
                'verbose_name': 'report',
                'verbose_name_plural': 'reports',
                'ordering': ['created_at'],
            },
        ),
        migrations.CreateModel(
            name='Block',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('email', 'email'), ('address', 'IP address'), ('network', 'address range'), ('domain', 'email domain')], max_length=10, verbose_name='what')),
                ('value', models.CharField(max_length=100, verbose_name='value')),
                ('reason', models.CharField(blank=True, max_length=200, verbose_name='reason')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='made')),
                ('expires_at', models.DateTimeField(blank=True, help_text='Empty: for good.', null=True, verbose_name='until')),
                ('batch', models.UUIDField(default=uuid.uuid4, verbose_name='decided together')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='comment_blocks', to=settings.AUTH_USER_MODEL, verbose_name='made by')),
            ],
            options={
                'verbose_name': 'block',
                'verbose_name_plural': 'blocks',
                'ordering': ['-created_at'],
                'indexes': [models.Index(fields=['kind', 'value'], name='comments_bl_kind_86c43f_idx')],
            },
        ),
        migrations.CreateModel(
            name='Decision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('batch', models.UUIDField(default=uuid.uuid4, verbose_name='decided together')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='when')),
                ('actor', models.CharField(choices=[('editor', 'an editor'), ('policy', 'the automatic policy'), ('report', "readers' reports"), ('ban', 'a block'), ('importer', 'the importer'), ('erasure', 'an erasure request'), ('undo', 'an undo'), ('purge', 'the automatic purge')], max_length=10, verbose_name='who')),
                ('source', models.CharField(choices=[('button', 'queue button'), ('bulk', 'bulk action'), ('email', 'email link'), ('desk', 'desk'), ('admin_form', 'comment page'), ('reply', 'reply as the newsroom'), ('comment_form', 'comment form'), ('report_form', 'report form'), ('empty', 'Empty Spam / Empty Trash'), ('command', 'command'), ('history', 'earlier admin history')], max_length=20, verbose_name='from where')),
                ('from_status', models.CharField(blank=True, choices=[('pending', 'Pending'), ('approved', 'Approved'), ('spam', 'Spam'), ('trash', 'Trash')], max_length=10, verbose_name='from')),
                ('to_status', models.CharField(blank=True, choices=[('pending', 'Pending'), ('approved', 'Approved'), ('spam', 'Spam'), ('trash', 'Trash')], max_length=10, verbose_name='to')),
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
        migrations.AddConstraint(
            model_name='discussion',
            constraint=models.UniqueConstraint(condition=models.Q(('content_type__isnull', False)), fields=('content_type', 'object_id'), name='one_discussion_per_object'),
        ),
        migrations.AddConstraint(
            model_name='discussion',
            constraint=models.CheckConstraint(condition=models.Q(('content_type__isnull', True), ('url__isnull', True), _connector='XOR'), name='discussion_on_object_or_page'),
        ),
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['discussion', 'status', 'submitted_at'], name='comment_thread'),
        ),
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['status', '-submitted_at'], name='comments_co_status_32c3bb_idx'),
        ),
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['submitted_at'], name='comment_submitted_at'),
        ),
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(django.db.models.functions.text.Lower('author_email'), name='comment_email_lower'),
        ),
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['ip_address'], name='comment_ip_address'),
        ),
        migrations.AddIndex(
            model_name='moderationreason',
            index=models.Index(fields=['code', 'comment'], name='comments_mo_code_8241d5_idx'),
        ),
        migrations.AddIndex(
            model_name='recommendation',
            index=models.Index(fields=['comment', 'address'], name='comments_re_comment_af2025_idx'),
        ),
        migrations.AddConstraint(
            model_name='recommendation',
            constraint=models.UniqueConstraint(fields=('comment', 'browser'), name='one_recommend_per_browser'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['dismissed_at', 'comment'], name='comments_re_dismiss_a4f70f_idx'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(fields=['ip_address', 'created_at'], name='comments_re_ip_addr_3e706d_idx'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.UniqueConstraint(fields=('comment', 'reporter'), name='one_report_per_reader'),
        ),
        migrations.RunPython(create_editors, remove_editors),
    ]
