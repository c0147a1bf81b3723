"""Whether comments are open is the article's discussion's now (comments 0022
copied it there first)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_merge_0002_article_language_0002_sections_tags_byline"),
        ("comments", "0022_comments_to_discussions"),
    ]

    operations = [migrations.RemoveField(model_name="article", name="comments_open")]
