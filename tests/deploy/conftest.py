import tempfile

import pytest

from .live import LiveSite, database_url


@pytest.fixture(scope="session")
def live_site():
    """A database of its own, migrated, with an editor (mira); servers start on it."""
    with (
        tempfile.TemporaryDirectory(prefix="newsroom-live-") as folder,
        database_url(folder) as url,
    ):
        site = LiveSite(folder, url)
        site.prepare()
        yield site


def new_article(site, slug, body="Fresh words", title=""):
    """An article with one pending comment, made in another process; its id."""
    title = title or f"About {slug}"
    return int(
        site.python(
            "from tests.factories import make_article, make_comment\n"
            f"article = make_article(title='{title}', slug='{slug}')\n"
            f"print(make_comment(article, status='pending', body='{body}').pk)"
        )
    )
