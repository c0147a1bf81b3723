"""Every article gets its discussion (open or closed as the article was)
and its comments move there; the reverse moves them back."""

from django.db import migrations

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
    dependencies = [("comments", "0021_discussions")]

    operations = [migrations.RunPython(to_discussions, to_articles)]
