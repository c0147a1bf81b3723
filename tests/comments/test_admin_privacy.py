import csv
import io
import json

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.test import TestCase

from comments.models import Comment
from tests.factories import make_article, make_comment, make_editor

QUEUE = "/admin/comments/comment/"
EXPORT = QUEUE + "export/"


class PrivacyAdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.article = make_article()
        cls.editor = make_editor()
        cls.mine = make_comment(
            cls.article, author_email="reader@example.com", body="=1+1 says me"
        )
        cls.also_mine = make_comment(
            cls.article,
            author_email="Reader@Example.com",
            status=Comment.Status.PENDING,
            body="Another of mine",
        )
        cls.reply = make_comment(
            cls.article,
            parent=cls.mine,
            author_name="Other",
            author_email="other@example.com",
            body="A reply",
        )

    def setUp(self):
        self.client.force_login(self.editor)

    def act(self, action, comments, **data):
        return self.client.post(
            QUEUE + "?status=all",
            {"action": action, "_selected_action": [c.pk for c in comments], **data},
            follow=True,
        )


class ExportActionTests(PrivacyAdminTestCase):
    def test_json_holds_every_comment_made_with_the_selected_address(self):
        response = self.act("export_personal_data_json", [self.mine])
        assert response["Content-Type"] == "application/json"
        assert (
            'filename="personal-data-readerexamplecom.json"'
            in (response["Content-Disposition"])
        )
        rows = json.loads(response.content)
        assert {row["comment"] for row in rows} == {self.mine.pk, self.also_mine.pk}

    def test_csv_cells_cannot_run_as_formulas(self):
        response = self.act("export_personal_data_csv", [self.also_mine])
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        text = response.content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) == 3
        assert rows[1][10] == "'=1+1 says me"

    def test_comments_by_several_people_are_not_exported_together(self):
        response = self.act("export_personal_data_json", [self.mine, self.reply])
        assert response["Content-Type"].startswith("text/html")
        self.assertContains(
            response, "Select comments made with one and the same email address."
        )


class ExportPageTests(PrivacyAdminTestCase):
    def test_the_queue_links_to_the_export_page(self):
        self.assertContains(self.client.get(QUEUE), f'href="{EXPORT}"')

    def test_the_page_asks_for_an_address_and_a_format(self):
        response = self.client.get(EXPORT)
        self.assertContains(response, "Export a commenter&#x27;s personal data")
        self.assertContains(response, 'name="email"')
        self.assertContains(response, 'value="csv"')

    def test_posting_an_address_downloads_its_comments(self):
        response = self.client.post(
            EXPORT, {"email": "READER@example.com", "file_format": "csv"}
        )
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        self.assertContains(response, "Another of mine")
        self.assertNotContains(response, "A reply")

    def test_an_address_without_comments_is_reported(self):
        response = self.client.post(
            EXPORT, {"email": "nobody@example.com", "file_format": "json"}
        )
        self.assertContains(response, "No comment was made with this email address.")

    def test_staff_without_the_permission_are_refused(self):
        outsider = get_user_model().objects.create_user("outsider", is_staff=True)
        self.client.force_login(outsider)
        assert self.client.get(EXPORT).status_code == 403


class EraseActionTests(PrivacyAdminTestCase):
    def test_the_action_first_shows_what_erasure_would_do(self):
        response = self.act("erase_personal_data", [self.mine])
        self.assertContains(response, "Erase the personal data of reader@example.com")
        self.assertContains(response, "This anonymises 2 comments")
        self.assertContains(response, "text deleted, kept as a placeholder")
        self.assertContains(response, 'name="delete_text"')
        assert Comment.objects.get(pk=self.mine.pk).author_name == "Reader"

    def test_confirming_anonymises_and_records_who_did_it(self):
        response = self.act("erase_personal_data", [self.mine], post="yes")
        self.assertContains(response, "Personal data erased from 2 comments.")
        mine = Comment.objects.get(pk=self.mine.pk)
        assert (mine.author_name, mine.author_email) == ("Anonymous", "")
        assert mine.body == "=1+1 says me"
        entries = LogEntry.objects.filter(action_flag=CHANGE, user=self.editor)
        assert entries.count() == 2
        history = self.client.get(f"{QUEUE}{mine.pk}/history/")
        self.assertContains(history, "Changed Name, Email, Website")

    def test_deleting_the_text_too(self):
        response = self.act(
            "erase_personal_data", [self.mine], post="yes", delete_text="on"
        )
        self.assertContains(
            response, "Deleted: 1; kept without text for their replies: 1."
        )
        assert not Comment.objects.filter(pk=self.also_mine.pk).exists()
        assert Comment.objects.get(pk=self.mine.pk).is_removed
        queue = self.client.get(QUEUE + "?status=all")
        self.assertContains(queue, "This comment was deleted.")

    def test_staff_without_the_permission_cannot_erase(self):
        clerk = get_user_model().objects.create_user("clerk", is_staff=True)
        clerk.user_permissions.add(
            *self.editor.groups.get().permissions.exclude(
                codename="erase_personal_data"
            )
        )
        self.client.force_login(clerk)
        self.assertNotContains(self.client.get(QUEUE), "erase_personal_data")
        self.act("erase_personal_data", [self.mine], post="yes")
        assert Comment.objects.get(pk=self.mine.pk).author_name == "Reader"


class ErasedCommentFormTests(PrivacyAdminTestCase):
    def test_an_anonymised_comment_can_be_saved_without_an_email(self):
        self.act("erase_personal_data", [self.mine], post="yes")
        response = self.client.post(
            f"{QUEUE}{self.mine.pk}/change/",
            {
                "status": "approved",
                "author_name": "Anonymous",
                "author_email": "",
                "author_url": "",
                "body": "=1+1 says me",
            },
        )
        assert response.status_code == 302

    def test_a_deleted_text_cannot_be_edited_back(self):
        self.act("erase_personal_data", [self.mine], post="yes", delete_text="on")
        response = self.client.get(f"{QUEUE}{self.mine.pk}/change/")
        self.assertNotContains(response, 'id="id_body"')
