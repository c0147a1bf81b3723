"""The benchmark's data: articles with threads of every size, and a busy queue."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, Discussion, ModerationReason
from comments.moderation import Code

from .text import Writer

Status = Comment.Status
# The queue's mix: most comments end up approved, a tenth wait for an editor.
QUEUE_MIX = {Status.APPROVED: 78, Status.PENDING: 10, Status.SPAM: 10, Status.TRASH: 2}
QUEUE_ARTICLE_COMMENTS = 500
BATCH = 2000
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@dataclass(frozen=True)
class Dataset:
    threads: dict  # approved comments -> the article that has them
    total_comments: int


@transaction.atomic
def seed(thread_sizes, total_comments, writer=None):
    """Articles with `thread_sizes` approved comments, then more up to the total."""
    writer = writer or Writer()
    threads = {size: thread_article(writer, size) for size in thread_sizes}
    queue_comments(writer, total_comments - sum(thread_sizes))
    return Dataset(threads=threads, total_comments=Comment.objects.count())


def new_article(writer, slug, title, published_at):
    """A published article, its discussion at hand as `article.discussion`."""
    article = Article.objects.create(
        slug=slug,
        title=title,
        body=writer.paragraphs(writer.random.randint(500, 900)),
        status=Article.Status.PUBLISHED,
        published_at=published_at,
    )
    article.discussion = Discussion.objects.for_object(article)
    return article


def thread_article(writer, size):
    published_at = timezone.now() - timedelta(days=3)
    article = new_article(
        writer, f"thread-{size}", f"An article with {size} comments", published_at
    )
    shape = thread_shape(writer, size)
    comments = []
    when = published_at
    for parent, _depth in shape:
        when += timedelta(seconds=writer.random.randint(5, 240))
        comment = reader_comment(writer, article, Status.APPROVED, when)
        comment.parent = comments[parent] if parent is not None else None
        comment.render_body()  # as comment_submit does: shown, so rendered
        comments.append(comment)
    # Parents first, so that every reply can point at a stored comment.
    for level in range(settings.COMMENTS_THREAD_DEPTH):
        pairs = zip(comments, shape, strict=True)
        Comment.objects.bulk_create(
            [comment for comment, (_, depth) in pairs if depth == level],
            batch_size=BATCH,
        )
    return article


def thread_shape(writer, size):
    """(parent index or None, depth) per comment: about half are replies."""
    shape = []
    deepest = settings.COMMENTS_THREAD_DEPTH - 1
    for index in range(size):
        recent = [
            earlier
            for earlier in range(max(0, index - 30), index)
            if shape[earlier][1] < deepest
        ]
        if not recent or writer.random.random() < 0.5:
            shape.append((None, 0))
        else:
            parent = writer.random.choice(recent)
            shape.append((parent, shape[parent][1] + 1))
    return shape


def reader_comment(writer, article, status, when):
    name = writer.name()
    return Comment(
        discussion=article.discussion,
        author_name=name,
        author_email=f"{name[:-3].lower()}{writer.random.randint(1, 9999)}@example.com",
        author_url=writer.random.choice(["", "", "", "https://blog.example/"]),
        body=writer.comment(),
        status=status,
        submitted_at=when,
        ip_address=writer.ip_address(),
        user_agent=USER_AGENT,
    )


def queue_comments(writer, count):
    """`count` comments of every status over two years, each with its reason."""
    statuses, weights = zip(*QUEUE_MIX.items(), strict=True)
    number = 0
    while count > 0:
        number += 1
        size = min(count, QUEUE_ARTICLE_COMMENTS)
        published_at = timezone.now() - timedelta(days=writer.random.uniform(4, 730))
        article = new_article(
            writer, f"queue-{number}", f"Queue article {number}", published_at
        )
        comments = [
            reader_comment(
                writer,
                article,
                writer.random.choices(statuses, weights)[0],
                published_at + timedelta(minutes=writer.random.uniform(1, 4000)),
            )
            for _ in range(size)
        ]
        Comment.objects.bulk_create(comments, batch_size=BATCH)
        ModerationReason.objects.bulk_create(
            map(reason_for, comments), batch_size=BATCH
        )
        count -= size


def reason_for(comment):
    if comment.status == Status.SPAM:
        return ModerationReason(
            comment=comment, code=Code.DISALLOWED_TERM, field="body", detail="casino"
        )
    return ModerationReason(comment=comment, code=Code.MANUAL_APPROVAL)
