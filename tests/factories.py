"""Small builders for the rows tests need, and an honest CAPTCHA solver."""

import re
import time
from unittest import mock

from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker

from articles.models import Article
from comments.forms import stamp
from comments.models import Comment, Discussion, NotificationAddress
from comments.services import comment_moderate


def make_article(**fields):
    fields.setdefault("title", "A test article")
    fields.setdefault("slug", "a-test-article")
    fields.setdefault("body", "First paragraph.\n\nSecond paragraph.")
    fields.setdefault("status", Article.Status.PUBLISHED)
    article = Article.objects.create(**fields)
    Discussion.objects.for_object(article)  # as the migration gave every article
    return article


def make_comment(host, **fields):
    """A comment on a host object's discussion (or on a Discussion)."""
    fields.setdefault("author_name", "Reader")
    fields.setdefault("author_email", "reader@example.com")
    fields.setdefault("body", "A thoughtful comment.")
    fields.setdefault("status", Comment.Status.APPROVED)
    fields.setdefault("ip_address", "203.0.113.7")
    return Comment.objects.create(discussion=discussion_for(host), **fields)


def discussion_for(host):
    if isinstance(host, Discussion):
        return host
    return Discussion.objects.for_object(host)


def make_page_discussion(url="https://elsewhere.example/story", title="A story"):
    """A discussion embedded in a page of another site."""
    return Discussion.objects.for_page(url=url, title=title)


def confirm_address(email):
    """An address whose owner confirmed they want follow-up emails."""
    now = timezone.now()
    NotificationAddress.objects.update_or_create(
        email=email.lower(), defaults={"asked_at": now, "confirmed_at": now}
    )


def make_editor(username="editor"):
    user = get_user_model().objects.create_user(
        username, f"{username}@newsroom.example", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def approve(*comments):
    """Approve comments as an editor does, through the moderation service."""
    editor = get_user_model().objects.filter(username="approver").first()
    comment_moderate(
        comments=Comment.objects.filter(pk__in=[comment.pk for comment in comments]),
        status=Comment.Status.APPROVED,
        user=editor or make_editor("approver"),
    )


def captcha_key(response):
    """The challenge key a rendered form carries in its hidden field, if any."""
    html = response.content.decode()
    found = re.search(r'name="captcha_0" value="([0-9a-f]+)"', html)
    return found and found.group(1)


def fetched_captcha_key(client):
    """A challenge fetched as the page's script fetches it."""
    response = client.get(
        "/captcha/refresh/", headers={"X-Requested-With": "XMLHttpRequest"}
    )
    return response.json()["key"]


def solved_captcha(response):
    """The CAPTCHA fields answered the honest way: the store knows the answer.

    The article page comes without a challenge, so like the page's script
    this asks for one; a re-rendered form carries its own.
    """
    key = captcha_key(response) or fetched_captcha_key(response.client)
    return {
        "captcha_0": key,
        "captcha_1": CaptchaStore.objects.get(hashkey=key).response,
    }


def comment_data(response, **overrides):
    data = {
        "body": "Blockchain will not fix sanctions.",
        "author_name": "Aigerim",
        "author_email": "aigerim@example.com",
        "author_url": "https://aigerim.example",
        **solved_captcha(response),
        "timestamp": stamp(time.time() - 60),
    }
    data.update(overrides)
    return data


def run_worker():
    """What `manage.py db_worker` does, in this process: run every task that
    is due (emails among them), then stop.

    Like Django's test client for requests, it keeps the test's connection
    open: closing "old" connections would end the test's transaction."""
    worker = Worker(
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    with mock.patch(f"{Worker.__module__}.close_old_connections"):
        worker.run()
