# Newsroom replies, and an index for the desk's comments per day.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0001_initial'),
        ('comments', '0005_privacy'),
    ]

    operations = [
        migrations.AddField(
            model_name='comment',
            name='by_newsroom',
            field=models.BooleanField(default=False, verbose_name='written by the newsroom'),
        ),
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['submitted_at'], name='comment_submitted_at'),
        ),
    ]
