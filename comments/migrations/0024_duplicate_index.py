from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('comments', '0023_discussion_required'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['discussion', 'author_name'], name='comment_discussion_name'),
        ),
    ]
