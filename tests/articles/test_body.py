from django.core.management import call_command
from django.test import TestCase

from articles import body
from articles.models import Article
from tests.factories import make_article, make_editor


class RenderTests(TestCase):
    def test_plain_text_becomes_paragraphs_with_line_breaks(self):
        self.assertHTMLEqual(
            body.render("One & two.\n\nThree\nfour."),
            "<p>One &amp; two.</p><p>Three<br>four.</p>",
        )

    def test_allowed_markup_stays_and_the_rest_goes(self):
        html = body.render(
            '<h2 style="x">Heading</h2><p onclick="steal()">A <a href="javascript:'
            'alert(1)">bad</a> and a <a href="https://ok.example">good</a> link.</p>'
            '<script>alert(1)</script><iframe src="https://evil.example"></iframe>'
            '<figure><img src="https://img.example/a.jpg" alt="Alt" onerror="x()">'
            "<figcaption>Caption</figcaption></figure>"
        )
        self.assertHTMLEqual(
            html,
            "<h2>Heading</h2><p>A <a rel='noopener noreferrer nofollow'>bad</a> and "
            "a <a href='https://ok.example' rel='noopener noreferrer nofollow'>good"
            "</a> link.</p><figure><img src='https://img.example/a.jpg' alt='Alt'>"
            "<figcaption>Caption</figcaption></figure>",
        )

    def test_text_paragraphs_read_the_html(self):
        assert body.text_paragraphs("<p>A <em>b</em>.</p>\n<ul><li>c</li></ul>") == [
            "A b.",
            "c",
        ]


class SeedArticleTests(TestCase):
    def test_the_seed_article_renders_as_plain_paragraphs_as_before(self):
        call_command("load_seeds", verbosity=0)
        article = Article.objects.get()
        response = self.client.get(article.get_absolute_url())
        html = response.content.decode()
        article_start = html.index('<article class="article">')
        start = html.index("</header>", article_start) + len("</header>")
        end = html.index("</article>", start)
        paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in article.paragraphs)
        expected = f'<div class="article-body" lang="en">{paragraphs}</div>'
        self.assertHTMLEqual(html[start:end], expected)
        assert len(article.paragraphs) == 8


class AdminPreviewTests(TestCase):
    def test_the_admin_edits_the_body_in_a_textarea_and_previews_it(self):
        article = make_article(body="<p>Hello <em>world</em><script>x()</script></p>")
        user = make_editor()
        user.is_superuser = True
        user.save()
        self.client.force_login(user)
        response = self.client.get(f"/admin/articles/article/{article.pk}/change/")
        self.assertContains(response, '<textarea name="body"')
        self.assertContains(response, "<p>Hello <em>world</em></p>", html=True)
