"""Discussions: comments belong to a discussion, not to an article.

This step adds the model and the comment's link to it (empty for now); the
next moves the comments, the one after drops the link to the article. Three
migrations, so that on PostgreSQL no table is altered in the transaction that
updated its rows.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_merge_0002_article_language_0002_sections_tags_byline"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("comments", "0020_merge_20261201_2339"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="Discussion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.CharField(blank=True, max_length=64, verbose_name="object id")),
                ("url", models.URLField(blank=True, help_text="The external page the discussion is embedded in.", max_length=500, null=True, unique=True, verbose_name="page URL")),
                ("title", models.CharField(blank=True, max_length=300, verbose_name="title")),
                ("comments_open", models.BooleanField(default=True, verbose_name="comments open")),
                ("closes_at", models.DateTimeField(blank=True, help_text="Empty: comments close COMMENTS_CLOSE_AFTER_DAYS after publication, if that is set.", null=True, verbose_name="comments close")),
                ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="published")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="created")),
                ("content_type", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype", verbose_name="kind of page")),
            ],
            options={
                "verbose_name": "discussion",
                "verbose_name_plural": "discussions",
                "ordering": ["-created_at"],
                "constraints": [
                    models.UniqueConstraint(condition=models.Q(("content_type__isnull", False)), fields=("content_type", "object_id"), name="one_discussion_per_object"),
                    models.CheckConstraint(condition=models.Q(("content_type__isnull", True), ("url__isnull", True), _connector="XOR"), name="discussion_on_object_or_page"),
                ],
            },
        ),
        migrations.AddField(
            model_name="comment",
            name="discussion",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="comments", to="comments.discussion", verbose_name="discussion"),
        ),
        migrations.AlterField(
            model_name="comment",
            name="article",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="comments", to="articles.article", verbose_name="article"),
        ),
    ]
