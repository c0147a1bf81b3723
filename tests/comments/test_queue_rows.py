"""The queue's table, drawn by its own tag, is the table Django draws."""

from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import result_list
from django.test import RequestFactory, TestCase

from comments.models import Comment, ModerationReason, Report
from comments.templatetags.queue_rows import queue_result_list
from tests.factories import make_article, make_comment, make_editor


class QueueTableTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        article = make_article()
        parent = make_comment(article, author_name="Daniyar")
        held = make_comment(
            article,
            status="pending",
            parent=parent,
            author_name="<b>Bold</b> & co",
            body="Start. " + "Long words & <tags>. " * 40,
        )
        ModerationReason.objects.create(comment=held, code="manual_approval")
        make_comment(article, status="spam", author_email="", ip_address=None)
        make_comment(article, status="trash", is_removed=True)
        Report.objects.create(comment=parent, reason="abusive", reporter="one")
        cls.editor = make_editor()

    def changelist(self, query):
        request = RequestFactory().get("/admin/comments/comment/", query)
        request.user = self.editor
        changelist = admin.site._registry[Comment].get_changelist_instance(request)
        changelist.formset = None
        return changelist

    def test_every_cell_is_the_one_django_draws(self):
        for query in ({}, {"status": "all"}, {"status": "reported"}):
            changelist = self.changelist(query)
            ours = queue_result_list(changelist)
            django = result_list(changelist)
            assert ours["results"] == [list(row) for row in django["results"]]
            assert ours["result_headers"] == django["result_headers"]
            assert ours["num_sorted_fields"] == django["num_sorted_fields"]

    def test_a_plain_field_column_goes_through_django_s_tag(self):
        changelist = self.changelist({"status": "all"})
        changelist.list_display = ["excerpt", "status"]
        ours = queue_result_list(changelist)
        assert [list(row) for row in ours["results"]] == [
            list(row) for row in result_list(changelist)["results"]
        ]
