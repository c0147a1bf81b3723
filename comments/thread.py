"""What the comments section of an article page needs."""

from .forms import CommentForm
from .models import Comment
from .pending import pending_ids


def thread_context(request, article, form=None):
    comments = list(Comment.objects.for_thread(article))
    ids = pending_ids(request)
    return {
        "comments": comments,
        "comment_count": len(comments),
        "own_pending": list(Comment.objects.awaiting_reader(article, ids))
        if ids
        else [],
        "form": form or CommentForm(),
    }
