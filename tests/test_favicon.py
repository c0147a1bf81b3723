from django.test import TestCase

from tests.factories import make_editor

ICON = '<link rel="icon" href="/static/newsroom/favicon.svg" type="image/svg+xml">'


class FaviconTests(TestCase):
    def test_favicon_ico_redirects_to_the_svg_icon(self):
        response = self.client.get("/favicon.ico")
        self.assertRedirects(
            response,
            "/static/newsroom/favicon.svg",
            status_code=301,
            fetch_redirect_response=False,
        )

    def test_the_site_and_the_admin_link_the_icon(self):
        self.assertContains(self.client.get("/"), ICON, html=True)
        self.assertContains(self.client.get("/admin/login/"), ICON, html=True)
        self.client.force_login(make_editor())
        self.assertContains(self.client.get("/admin/"), ICON, html=True)
