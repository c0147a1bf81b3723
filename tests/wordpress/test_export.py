import io
import tempfile
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from articles.models import Article
from comments.models import Comment, Discussion
from tests.factories import discussion_for, make_article, make_comment
from wordpress import wxr
from wordpress.models import ImportedComment
from wordpress.xmlfile import CleanReader


def snapshot():
    """Articles and comments as plain values, ids left out."""
    articles = {
        (
            a.title,
            a.slug,
            a.byline,
            a.excerpt,
            tuple(a.paragraphs),
            tuple(map(tuple, a.filed_under())),
            a.status,
            a.published_at,
            discussion_for(a).comments_open,
        )
        for a in Article.objects.all()
    }
    comments = {
        (
            c.discussion.host.slug,
            c.parent.submitted_at if c.parent else None,
            c.author_name,
            c.author_email,
            c.author_url,
            c.ip_address,
            c.submitted_at,
            c.body,
            c.status,
            c.is_removed,
        )
        for c in Comment.objects.select_related("discussion", "parent")
    }
    return articles, comments


class ExportTestCase(TestCase):
    def export(self, **options):
        folder = Path(self.enterContext(tempfile.TemporaryDirectory()))
        path = folder / "newsroom.xml"
        out = io.StringIO()
        call_command("export_wxr", path, stdout=out, **options)
        return path, out.getvalue()


class RoundTripTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        # Whole seconds (WXR dates have no fractions), inside IP retention.
        start = timezone.now().replace(microsecond=0) - timedelta(days=2)
        story = make_article(
            title="Caravans & “blockchains” <b>— 東京</b>",
            slug="караван",
            byline="Dana & Co",
            excerpt="In brief.",
            body="<p>A <a href='https://sco.example/'>link</a> &amp; <em>more</em>."
            "</p>\n\nTwo lines\nin one paragraph. 🐫",
            published_at=start,
        )
        story.sections.create(name="Экономика", slug="экономика")
        story.tags.create(name="Blockchain", slug="blockchain")
        closed = make_article(
            title="Comments closed",
            slug="closed",
            published_at=start + timedelta(hours=1),
        )
        Discussion.objects.of_object(closed).update(comments_open=False)
        make_article(title="Quiet", slug="quiet", published_at=start)
        minutes = iter(range(1, 100))

        def at():
            return start + timedelta(minutes=next(minutes))

        root = make_comment(
            story,
            author_name="Tom & Jerry",
            author_url="https://tj.example",
            body="First <script>alert(1)</script> & more.\n\nSecond paragraph.",
            submitted_at=at(),
        )
        reply = make_comment(
            story,
            parent=root,
            status=Comment.Status.PENDING,
            author_name="Ерлан",
            author_email="erlan@example.kz",
            ip_address="2001:db8::1",
            body="Ответ.",
            submitted_at=at(),
        )
        make_comment(story, parent=reply, body="Deeper.", submitted_at=at())
        make_comment(story, status=Comment.Status.SPAM, submitted_at=at())
        make_comment(story, status=Comment.Status.TRASH, submitted_at=at())
        placeholder = make_comment(
            story,
            author_name="Anonymous",
            author_email="",
            ip_address="203.0.113.0",
            body="",
            is_removed=True,
            submitted_at=at(),
        )
        make_comment(story, parent=placeholder, ip_address=None, submitted_at=at())
        make_comment(closed, body="Before closing.", submitted_at=at())

    def test_export_then_import_into_an_empty_database_gives_the_same(self):
        before = snapshot()
        path, output = self.export(site_url="https://news.example")
        assert "Exported 3 article(s) and 8 comment(s)" in output
        Comment.objects.all().delete()
        Article.objects.all().delete()
        call_command("import_wxr", path, stdout=io.StringIO())
        assert snapshot() == before
        assert (
            ImportedComment.objects.filter(source="https://news.example").count() == 8
        )

    def test_the_export_streams_out_of_a_fixed_number_of_queries(self):
        # Bylines, sections, tags, comments, then articles with their terms.
        with self.assertNumQueries(7):
            self.export()

    def test_the_file_is_wxr_that_wordpress_can_read(self):
        path, _output = self.export(site_url="https://news.example/")
        text = path.read_text(encoding="utf-8")
        assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
        assert 'xmlns:wp="http://wordpress.org/export/1.2/"' in text
        assert "<wp:wxr_version>1.2</wp:wxr_version>" in text
        url = (
            "https://news.example/articles/%D0%BA%D0%B0%D1%80%D0%B0%D0%B2%D0%B0%D0%BD/"
        )
        assert f"<link>{url}</link>" in text
        assert "<wp:comment_approved>spam</wp:comment_approved>" in text
        with path.open("rb") as stream:
            records = list(wxr.read(CleanReader(stream)))
        assert records[0] == wxr.Site(
            url="https://news.example",
            authors=(
                wxr.Author(wp_id=1, login="newsroom", display_name=""),
                wxr.Author(wp_id=2, login="dana-co", display_name="Dana & Co"),
            ),
        )


class ExportEdgeTests(ExportTestCase):
    def test_drafts_are_exported_as_drafts_and_not_imported_back(self):
        make_article(title="Draft", slug="draft", status=Article.Status.DRAFT)
        path, _output = self.export()
        assert "<wp:status>draft</wp:status>" in path.read_text(encoding="utf-8")
        Article.objects.all().delete()
        call_command("import_wxr", path, stdout=io.StringIO())
        assert not Article.objects.exists()

    def test_characters_xml_cannot_carry_are_left_out(self):
        make_comment(make_article(), body="Bell\x07 and escape\x1b gone.")
        path, _output = self.export()
        assert "Bell and escape gone." in path.read_text(encoding="utf-8")

    def test_an_empty_site_exports_a_valid_empty_channel(self):
        path, output = self.export()
        assert "Exported 0 article(s) and 0 comment(s)" in output
        with path.open("rb") as stream:
            records = list(wxr.read(CleanReader(stream)))
        assert records == [wxr.Site(url=settings.NEWSROOM_SITE_URL)]


WORDPRESS_EXPORT = Path(__file__).parent / "data" / "wordpress-6.1.xml"


def child_tags(element):
    """Its children's tags, a run of the same tag counted once."""
    tags = [child.tag for child in element]
    return [
        tag for number, tag in enumerate(tags) if tags[number - 1 : number] != [tag]
    ]


def shape(path):
    """The element names of the channel, an item with comments and a comment."""
    with path.open("rb") as stream:
        root = ElementTree.parse(CleanReader(stream)).getroot()
    channel = root.find("channel")
    item = next(item for item in channel.iter("item") if item.find(WP + "comment"))
    return child_tags(channel), child_tags(item), child_tags(item.find(WP + "comment"))


def in_order_within(ours, theirs):
    """Every tag of ours is in theirs, in the same order."""
    remaining = iter(theirs)
    return all(tag in remaining for tag in ours)


WP = "{http://wordpress.org/export/1.2/}"


class WordPressShapeTests(ExportTestCase):
    @classmethod
    def setUpTestData(cls):
        article = make_article(title="Tom & Jerry <live>", byline="Dana & Co")
        make_comment(article, author_name="Tom & Jerry")

    def test_titles_and_names_are_escaped_once(self):
        path, _output = self.export()
        text = path.read_text(encoding="utf-8")
        assert "<title>Tom &amp; Jerry &amp;lt;live&amp;gt;</title>" in text
        assert "<wp:comment_author>Tom &amp; Jerry</wp:comment_author>" in text
        assert "<wp:author_display_name>Dana &amp; Co</wp:author_display_name>" in text
        with path.open("rb") as stream:
            post = list(wxr.read(CleanReader(stream)))[1]
        assert post.title == "Tom & Jerry &lt;live&gt;"

    def test_every_post_names_a_creator_among_the_exported_authors(self):
        path, _output = self.export()
        channel = ElementTree.parse(path).getroot().find("channel")
        logins = {a.findtext(WP + "author_login") for a in channel.iter(WP + "author")}
        creators = {
            item.findtext("{http://purl.org/dc/elements/1.1/}creator")
            for item in channel.iter("item")
        }
        assert logins == {"dana-co"}
        assert creators == logins

    def test_the_shape_follows_a_wordpress_export(self):
        path, _output = self.export()
        for ours, theirs in zip(shape(path), shape(WORDPRESS_EXPORT), strict=True):
            assert in_order_within(ours, theirs), (ours, theirs)
        ours, theirs = shape(path)[2], shape(WORDPRESS_EXPORT)[2]
        assert ours == theirs
