"""The host project's own journey, run where the comments app is installed
from its wheel: a reader comments on a video, an editor approves it."""

import re
import time

from captcha.models import CaptchaStore
from django.contrib.auth.models import Group, User
from django.test import TestCase

import comments
from comments.forms import stamp
from comments.models import Comment

from .models import Video

PAGE = "/videos/launch-day/"
QUEUE = "/admin/comments/comment/"


class ReaderAndEditorJourneyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        Video.objects.create(title="Launch day", slug="launch-day")
        cls.editor = User.objects.create_user(
            "editor", "editor@host.example", "a-long-test-password", is_staff=True
        )
        cls.editor.groups.add(Group.objects.get(name="Editors"))

    def test_the_app_comes_from_the_installed_wheel(self):
        assert "site-packages" in comments.__file__

    def post_comment(self):
        page = self.client.get(PAGE)
        self.assertContains(page, "Leave a Reply")
        action = re.search(r'<form action="([^"#]+)#respond"', page.content.decode())
        # The CAPTCHA as the page's script asks for it, answered from the store.
        challenge = self.client.get(
            "/captcha/refresh/", headers={"X-Requested-With": "XMLHttpRequest"}
        ).json()
        answer = CaptchaStore.objects.get(hashkey=challenge["key"]).response
        return self.client.post(
            action.group(1),
            {
                "body": "The launch looked smooth from here.",
                "author_name": "Aigerim",
                "author_email": "aigerim@example.com",
                "captcha_0": challenge["key"],
                "captcha_1": answer,
                "timestamp": stamp(time.time() - 60),
            },
            follow=True,
        )

    def test_a_reader_posts_and_an_editor_approves(self):
        response = self.post_comment()
        self.assertContains(response, "awaiting moderation")
        self.assertContains(response, "The launch looked smooth from here.")
        comment = Comment.objects.get()
        assert comment.status == Comment.Status.PENDING

        self.client.logout()
        self.client.cookies.clear()
        self.assertNotContains(self.client.get(PAGE), "looked smooth")

        self.client.force_login(self.editor)
        self.assertContains(self.client.get(f"{QUEUE}?status=pending"), "Aigerim")
        self.client.post(
            f"{QUEUE}?status=pending",
            {"action": "approve", "_selected_action": [comment.pk]},
        )
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED

        self.client.logout()
        self.client.cookies.clear()
        page = self.client.get(PAGE)
        self.assertContains(page, "The launch looked smooth from here.")
        self.assertContains(page, "Comments: 1")
