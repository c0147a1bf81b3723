"""The comment's discussion is required and its article gone; page versions
are only what cached copies are checked against: they start afresh."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("comments", "0022_comments_to_discussions")]

    operations = [
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
