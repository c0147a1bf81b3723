"""Discussions: comments belong to a discussion, not to an article.

Every article gets its discussion (open or closed as the article was) and
its comments move there; the reverse moves them back. Page versions are
only what cached copies are checked against: they start afresh either way.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

EDITOR_PERMISSIONS = ["view_discussion", "add_discussion", "change_discussion"]


def article_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="articles", model="article")[0]


def to_discussions(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Discussion = apps.get_model("comments", "Discussion")
    Comment = apps.get_model("comments", "Comment")
    kind = article_type(apps)
    for article in Article.objects.all():
        discussion = Discussion.objects.create(
            content_type=kind,
            object_id=str(article.pk),
            title=article.title[:300],
            comments_open=article.comments_open,
            published_at=article.published_at
            if article.status == "published"
            else None,
        )
        Comment.objects.filter(article=article).update(discussion=discussion)
    grant_editors(apps)


def grant_editors(apps):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("comments")
    config.models_module = True
    create_permissions(config, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="comments", codename__in=EDITOR_PERMISSIONS
    )
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(*permissions)


def to_articles(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Discussion = apps.get_model("comments", "Discussion")
    Comment = apps.get_model("comments", "Comment")
    kind = article_type(apps)
    on_articles = Discussion.objects.filter(content_type=kind)
    for discussion in on_articles:
        article = int(discussion.object_id)
        Comment.objects.filter(discussion=discussion).update(article_id=article)
        Article.objects.filter(pk=article).update(
            comments_open=discussion.comments_open
        )
    # Comments of any other discussion have no article to go back to.
    Comment.objects.filter(article__isnull=True).delete()


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
        migrations.RunPython(to_discussions, to_articles),
        migrations.RemoveIndex(model_name="comment", name="comments_co_article_b5615d_idx"),
        migrations.RemoveField(model_name="comment", name="article"),
        migrations.AlterField(
            model_name="comment",
            name="discussion",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="comments", to="comments.discussion", verbose_name="discussion"),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["discussion", "status", "submitted_at"], name="comment_thread"),
        ),
        migrations.DeleteModel(name="PageVersion"),
        migrations.CreateModel(
            name="PageVersion",
            fields=[
                ("discussion", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="page_version", serialize=False, to="comments.discussion")),
                ("token", models.CharField(max_length=32)),
            ],
            options={"verbose_name": "page version", "verbose_name_plural": "page versions"},
        ),
    ]
