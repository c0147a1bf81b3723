"""Cache invalidation: any saved or deleted comment or article refreshes its thread.

Signals catch every path (admin edits, imports, erasure) without each having
to remember; bulk `update()` calls, which send no signal, invalidate
explicitly (see services.comment_moderate).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Article

from .caching import invalidate_threads
from .models import Comment


@receiver([post_save, post_delete], sender=Comment)
def comment_changed(sender, instance, **kwargs):
    invalidate_threads([instance.article_id])


@receiver([post_save, post_delete], sender=Article)
def article_changed(sender, instance, **kwargs):
    invalidate_threads([instance.pk])
