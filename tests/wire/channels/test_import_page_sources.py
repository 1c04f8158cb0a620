"""`masthead import-page` takes a saved HTML page and an http(s) URL too."""

import pytest
from django.core.management import CommandError, call_command

from masthead.newsroom.models import ArticlePage

# A small article page of our own, shaped like a newspaper's.
PAGE = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour ferries add a late service | Example Daily</title>
<meta property="og:title" content="Harbour ferries add a late service">
<meta name="author" content="Mara Quist">
<meta property="article:published_time" content="2025-05-16T15:35:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/news/">News</a> Subscribe</nav>
<article>
<h1>Harbour ferries add a late service</h1>
<p>The harbour ferry company will run a new service after midnight from June,
answering requests from night-shift workers on both banks of the river.</p>
<p>Boats will leave every forty minutes until two in the morning, the company said,
and fares will stay the same as during the day for holders of monthly passes.</p>
<p>A trial on two weekends in April carried more passengers than expected, and the
operator said it would review the timetable again at the end of the summer.</p>
</article>
<footer>Copyright Example Daily. All rights reserved.</footer>
</body></html>"""


def _imported():
    article = ArticlePage.objects.get()
    text = " ".join(block.value.source for block in article.body)
    return article, text


def test_a_saved_html_page_becomes_an_article(site_tree, tmp_path):
    path = tmp_path / "ferries.html"
    path.write_bytes(PAGE)
    call_command("import_page", str(path), section="news/metro")
    article, text = _imported()
    assert article.title == "Harbour ferries add a late service"
    assert not article.live  # without --publish it is a draft for the desk
    assert "forty minutes" in text and "end of the summer" in text
    assert "Subscribe" not in text and "Copyright" not in text
    assert article.get_parent().slug == "metro"


def test_an_url_is_fetched_and_imported(site_tree, server, settings):
    settings.MASTHEAD_WIRE_FETCH_ALLOW_PRIVATE = True  # the test server is local
    server.route(
        "/2025/05/ferries.html", body=PAGE, headers={"Content-Type": "text/html"}
    )
    call_command(
        "import_page",
        server.url("/2025/05/ferries.html"),
        section="news/metro",
        publish=True,
    )
    article, text = _imported()
    assert article.live and article.title == "Harbour ferries add a late service"
    assert article.wire_item.raw.origin.endswith("/2025/05/ferries.html")


def test_a_private_url_is_refused_with_a_clear_message(site_tree, server):
    server.route("/page.html", body=PAGE)
    with pytest.raises(CommandError, match="loopback"):
        call_command("import_page", server.url("/page.html"), section="news/metro")
    assert not ArticlePage.objects.exists()
    assert server.paths() == []  # refused before any connection
