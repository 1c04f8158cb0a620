"""`masthead import-page` on a file whose first item was refused: it imports the
story that was accepted, and says plainly when nothing on the page was."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from masthead.newsroom.models import ArticlePage
from masthead.wire.models import WireItem

pytestmark = pytest.mark.integration

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Wire</title>
<link>https://harbour.example/</link><description>Test feed</description>
<item><guid>hw-1</guid><pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate></item>
<item><guid>hw-2</guid><title>Ferry service resumes after storm</title>
<pubDate>Mon, 02 Jun 2025 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The ferry left at dawn with forty passengers.&lt;/p&gt;</description>
</item></channel></rss>
"""


def test_the_accepted_story_is_imported_not_the_refused_first_item(site_tree, tmp_path):
    page = tmp_path / "feed.xml"
    page.write_bytes(FEED)
    out, err = StringIO(), StringIO()
    call_command("import_page", str(page), section="news/world", stdout=out, stderr=err)
    assert WireItem.objects.get(position=0).status == WireItem.Status.REJECTED
    article = ArticlePage.objects.get()
    assert article.title == "Ferry service resumes after storm"
    assert out.getvalue().startswith("draft: Ferry service resumes after storm")
    assert "Importing item 2; 1 refused: item 1:" in err.getvalue()


def test_a_refused_page_says_so_the_first_time_and_the_next(site_tree, tmp_path):
    page = tmp_path / "empty.xml"
    page.write_bytes(FEED.replace(FEED[FEED.index(b"<item><guid>hw-2") :], b""))
    page.write_bytes(page.read_bytes() + b"</channel></rss>\n")
    for _ in range(2):
        with pytest.raises(CommandError, match=r"^Refused: the page was not imported"):
            call_command("import_page", str(page), section="news/world")
    assert not ArticlePage.objects.exists()
