"""Several gunicorn workers without Redis agree at once: the database decides."""

import tempfile
from pathlib import Path

from .conftest import new_article

SITE_XML = Path(__file__).parent.parent / "wordpress" / "data" / "site.xml"
IMPORTED = "/articles/caravans-and-blockchains/"


def views(server, path, count):
    return [server.get(path).text for _ in range(count)]


def test_an_approval_through_four_workers_reaches_every_view(live_site):
    pk = new_article(live_site, "four-workers")
    with live_site.serve(workers=4) as server:
        before = views(server, "/articles/four-workers/", 40)
        assert sum("Comments (No)" in page for page in before) == 40
        editor = server.browser()
        editor.log_in("mira")
        editor.approve(pk)
        after = views(server, "/articles/four-workers/", 40)
    assert sum("Comments (1)" in page and "Fresh words" in page for page in after) == 40


def test_import_and_erasure_from_another_process_show_on_the_next_view(live_site):
    with (
        live_site.serve(workers=4) as server,
        tempfile.TemporaryDirectory() as folder,
    ):
        live_site.manage("import_wxr", SITE_XML)
        first = views(server, IMPORTED, 12)
        assert all("Blockchain will not fix sanctions." in page for page in first)
        newer = Path(folder) / "newer.xml"
        text = SITE_XML.read_text(encoding="utf-8")
        newer.write_text(text.replace("will not fix", "might yet fix"), "utf-8")
        live_site.manage("import_wxr", newer)
        second = views(server, IMPORTED, 12)
        assert all("Blockchain might yet fix sanctions." in page for page in second)
        live_site.manage("erase_personal_data", "aigerim@example.com", "--by", "mira")
        erased = views(server, IMPORTED, 12)
    assert not any("Aigerim" in page for page in erased)
    assert all("Anonymous" in page for page in erased)
