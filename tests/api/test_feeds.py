"""Every feed, read back with feedparser as a feed reader would: titles, links,
ids, UTC dates, bodies (full text or summary by licence), pictures, and the
stories that must never show."""

from datetime import UTC, datetime

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from masthead.newsroom.listing import encode_cursor

from .conftest import ARABIC_BODY, ARABIC_TITLE, SITE

pytestmark = pytest.mark.integration

FORMATS = ("rss", "atom")
# Feed address -> the stories it must hold (keys of the `newsroom` fixture).
SCOPES = {
    "/feeds/{fmt}.xml": {"bridge", "licensed", "unlicensed", "bare", "rtl"},
    "/feeds/news/{fmt}.xml": {"bridge", "licensed", "unlicensed", "bare", "rtl"},
    "/feeds/news/world/{fmt}.xml": {"bridge", "licensed", "unlicensed", "rtl"},
    "/feeds/news/sport/{fmt}.xml": {"bare"},
    "/feeds/regions/pudong/{fmt}.xml": {"bridge"},
    "/feeds/special/special-reports/expo/{fmt}.xml": {"bridge"},
    "/feeds/people/li-hua/{fmt}.xml": {"bridge"},
    "/feeds/people/zhao-yinuo/{fmt}.xml": {"bridge"},  # the desk editor
    "/feeds/people/wang-fang/{fmt}.xml": set(),
}


def read_feed(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return response, parsed


def by_link(parsed) -> dict:
    return {entry.link: entry for entry in parsed.entries}


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_feed_holds_exactly_the_stories_of_its_page(client, newsroom, fmt):
    hidden = [a.title.encode() for a in newsroom["hidden"].values()]
    for pattern, expected in SCOPES.items():
        response, parsed = read_feed(client, pattern.format(fmt=fmt))
        assert parsed.version == ("rss20" if fmt == "rss" else "atom10")
        assert response["Content-Type"].startswith(f"application/{fmt}+xml")
        links = [entry.link for entry in parsed.entries]
        assert links == [  # newest first, each once
            f"{SITE}{newsroom[key].url}"
            for key in sorted(
                expected, key=lambda k: newsroom[k].first_published_at, reverse=True
            )
        ], pattern
        for title in hidden:
            assert title not in response.content, (pattern, title)


@pytest.mark.parametrize("fmt", FORMATS)
def test_entries_match_their_articles(client, newsroom, fmt):
    response, parsed = read_feed(client, f"/feeds/{fmt}.xml")
    entries = by_link(parsed)
    for key in ("bridge", "licensed", "unlicensed", "bare", "rtl"):
        article = newsroom[key]
        entry = entries[f"{SITE}{article.url}"]
        assert entry.title == article.title
        published = article.first_published_at.astimezone(UTC)
        assert entry.published_parsed == published.utctimetuple()
        assert entry.updated_parsed == published.utctimetuple()
        # A tag URI on the page id and first-publish date, not the URL.
        assert entry.id == f"tag:testserver,{published:%Y-%m-%d}:article-{article.pk}"
    # Dates are written in UTC, as UTC.
    stamp = (
        "Fri, 16 May 2025 20:00:00 +0000"
        if fmt == "rss"
        else "2025-05-16T20:00:00+00:00"
    )
    assert stamp.encode() in response.content
    assert parsed.feed.title == "Masthead Daily"
    assert parsed.feed.link == f"{SITE}/"


@pytest.mark.parametrize("fmt", FORMATS)
def test_full_text_for_our_copy_and_licensed_agencies(client, newsroom, fmt):
    _, parsed = read_feed(client, f"/feeds/news/world/{fmt}.xml")
    entries = by_link(parsed)
    bridge = entries[f"{SITE}{newsroom['bridge'].url}"]
    assert bridge.summary == newsroom["bridge"].lead
    body = bridge.content[0].value
    assert "Crews worked" in body and "nights." in body
    # Links and pictures inside the body are absolute, on the public address.
    assert f'href="{SITE}/news/"' in body
    body_picture = newsroom["pictures"]["body"]
    assert f'src="{SITE}{body_picture.file.url}"' in body
    assert "Opening day." in body and "It is a relief." in body
    assert "https://www.youtube.com/watch?v=abc123" in body  # an embed is a link
    assert "Source: Masthead staff" in body

    licensed = entries[f"{SITE}{newsroom['licensed'].url}"]
    assert "Licensed agency body text." in licensed.content[0].value
    assert licensed.author == "By Xinhua writers"


@pytest.mark.parametrize("fmt", FORMATS)
def test_unlicensed_agency_copy_gives_headline_and_summary_only(client, newsroom, fmt):
    response, parsed = read_feed(client, f"/feeds/news/world/{fmt}.xml")
    article = newsroom["unlicensed"]
    entry = by_link(parsed)[f"{SITE}{article.url}"]
    assert entry.title == article.title
    assert entry.summary == article.lead
    assert "content" not in entry
    assert entry.get("enclosures", []) == []
    assert b"does not let feeds carry" not in response.content
    assert b"Trading_floor" not in response.content


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_lead_image_is_the_enclosure(client, newsroom, fmt):
    _, parsed = read_feed(client, f"/feeds/{fmt}.xml")
    entries = by_link(parsed)
    picture = newsroom["pictures"]["lead"]
    (enclosure,) = entries[f"{SITE}{newsroom['bridge'].url}"].enclosures
    assert enclosure.href == f"{SITE}{picture.file.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == picture.file_size
    media = entries[f"{SITE}{newsroom['bridge'].url}"].media_content[0]
    assert media["url"] == enclosure.href
    # No picture, no enclosure; and a bare story is still a whole entry.
    bare = entries[f"{SITE}{newsroom['bare'].url}"]
    assert bare.get("enclosures", []) == []
    assert bare.summary.startswith("Only words")  # no lead: the text's start


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_made_rendition_is_preferred_to_the_original(client, newsroom, fmt):
    picture = newsroom["pictures"]["lead"]
    rendition = picture.get_rendition("width-1200|format-jpeg")
    _, parsed = read_feed(client, f"/feeds/news/world/{fmt}.xml")
    (enclosure,) = by_link(parsed)[f"{SITE}{newsroom['bridge'].url}"].enclosures
    assert enclosure.href == f"{SITE}{rendition.url}"
    assert int(enclosure.length) == rendition.file.size


@pytest.mark.parametrize("fmt", FORMATS)
def test_authors_and_categories(client, newsroom, fmt):
    _, parsed = read_feed(client, f"/feeds/{fmt}.xml")
    entries = by_link(parsed)
    bridge = entries[f"{SITE}{newsroom['bridge'].url}"]
    assert bridge.author == "Li Hua"
    assert [tag.term for tag in bridge.tags] == ["World", "Pudong"]
    bare = entries[f"{SITE}{newsroom['bare'].url}"]
    # No author anywhere on the story: none is made up. (Atom's feed-level
    # author covers the entry, so the feed stays valid.)
    assert bare.get("author") in (None, "Masthead Daily")
    if fmt == "atom":
        assert parsed.feed.author == "Masthead Daily"


@pytest.mark.parametrize("fmt", FORMATS)
def test_right_to_left_text_survives(client, newsroom, fmt):
    _, parsed = read_feed(client, f"/feeds/news/world/{fmt}.xml")
    entry = by_link(parsed)[f"{SITE}{newsroom['rtl'].url}"]
    assert entry.title == ARABIC_TITLE
    assert entry.summary == ARABIC_BODY
    assert ARABIC_BODY in entry.content[0].value


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_huge_headline_with_stray_control_characters_still_parses(
    client, newsroom, fmt, monkeypatch
):
    # The model keeps headlines to 255 characters; a longer one arriving by
    # another road (a migration, a bulk import) must not break the feeds.
    from masthead.newsroom.models import ArticlePage

    target = newsroom["bare"].pk
    headline = " ".join(["word"] * 1999) + " end\x0b\x00"
    original = ArticlePage.from_db.__func__

    def from_db(cls, db, field_names, values):
        obj = original(cls, db, field_names, values)
        if obj.pk == target:
            obj.title = headline
        return obj

    monkeypatch.setattr(ArticlePage, "from_db", classmethod(from_db))
    _, parsed = read_feed(client, f"/feeds/{fmt}.xml")
    entry = by_link(parsed)[f"{SITE}{newsroom['bare'].url}"]
    assert entry.title == " ".join(["word"] * 1999) + " end"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_id_stays_when_the_address_changes(client, newsroom, fmt):
    article = newsroom["licensed"]
    _, before = read_feed(client, f"/feeds/{fmt}.xml")
    old_id = by_link(before)[f"{SITE}{article.url}"].id

    article.slug = "talks-resume-in-geneva"
    article.save_revision().publish()
    article.refresh_from_db()

    _, after = read_feed(client, f"/feeds/{fmt}.xml")
    entry = by_link(after)[f"{SITE}/news/world/talks-resume-in-geneva/"]
    assert entry.id == old_id


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_correction_updates_the_entry(client, newsroom, fmt):
    from masthead.newsroom.models import ArticleCorrection

    article = newsroom["licensed"]
    ArticleCorrection.objects.create(
        article=article, kind="correction", text="An earlier version misnamed the city."
    )
    article.refresh_from_db()
    article.save_revision().publish()
    article.refresh_from_db()

    _, parsed = read_feed(client, f"/feeds/{fmt}.xml")
    entry = by_link(parsed)[f"{SITE}{article.url}"]
    assert entry.updated_parsed == article.updated_at.astimezone(UTC).utctimetuple()
    assert entry.updated_parsed > entry.published_parsed
    assert "misnamed the city" in entry.content[0].value


@pytest.mark.parametrize("fmt", FORMATS)
def test_pages_of_a_feed_follow_rel_next(client, newsroom, settings, fmt):
    settings.MASTHEAD_FEED_ITEMS = 2
    seen, path, pages = [], f"/feeds/{fmt}.xml", 0
    while path:
        _, parsed = read_feed(client, path)
        pages += 1
        assert len(parsed.entries) <= 2
        seen += [entry.link for entry in parsed.entries]
        following = [link.href for link in parsed.feed.links if link.rel == "next"]
        path = following[0].removeprefix(SITE) if following else None
    assert pages == 3
    assert len(seen) == len(set(seen)) == 5


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("before=not-a-cursor", "not a cursor this feed made"),
        ("before=" + "A" * 201, "too long"),
        ("before=", "empty"),
        ("before=x&before=y", "more than once"),
        # Well formed, out of range: the year 3500, and an id past 2**63.
        (
            "before=" + encode_cursor(datetime(3500, 1, 1, tzinfo=UTC), 1),
            "out of range",
        ),
        (
            "before=" + encode_cursor(datetime(2025, 1, 1, tzinfo=UTC), 2**64),
            "out of range",
        ),
    ],
)
def test_bad_query_parameters_get_a_400_that_says_why(client, newsroom, query, says):
    response = client.get(f"/feeds/rss.xml?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert says in response.content.decode()


def test_unknown_parameters_are_ignored_as_on_every_page(client, newsroom):
    assert client.get("/feeds/rss.xml?utm_source=x&foo=1").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/news/world/bridge-reopens/rss.xml",  # an article has no feed
        "/feeds/regions/rss.xml",  # nor has the index of regions
        "/feeds/no-such-section/atom.xml",
        "/feeds/news/world/json.xml",
    ],
)
def test_only_listing_pages_have_feeds(client, newsroom, path):
    assert client.get(path).status_code == 404


def _alternates(client, path: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    return [
        (link["type"], link["href"]) for link in soup.select('link[rel="alternate"]')
    ]


def test_pages_link_their_feeds(client, newsroom):
    site = [
        ("application/rss+xml", f"{SITE}/feeds/rss.xml"),
        ("application/atom+xml", f"{SITE}/feeds/atom.xml"),
    ]

    def own(path):
        return [
            ("application/rss+xml", f"{SITE}/feeds{path}rss.xml"),
            ("application/atom+xml", f"{SITE}/feeds{path}atom.xml"),
        ]

    assert _alternates(client, "/") == site
    for path in (
        "/news/world/",
        "/regions/pudong/",
        "/special/special-reports/expo/",
        "/people/li-hua/",
    ):
        assert _alternates(client, path) == own(path) + site, path
    assert _alternates(client, newsroom["bridge"].url) == own("/news/world/") + site
    assert _alternates(client, "/about-us/") == site
    # Every linked feed answers and parses.
    for _, href in own("/special/special-reports/expo/") + site:
        read_feed(client, href.removeprefix(SITE))


@override_settings(MASTHEAD_PUBLIC_URL="https://news.example.com")
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_address_is_on_the_public_base_url(client, newsroom, fmt):
    response, parsed = read_feed(client, f"/feeds/news/world/{fmt}.xml")
    assert parsed.feed.link == "https://news.example.com/news/world/"
    for entry in parsed.entries:
        assert entry.link.startswith("https://news.example.com/")
        assert entry.id.startswith("tag:news.example.com,")
        for enclosure in entry.get("enclosures", []):
            assert enclosure.href.startswith("https://news.example.com/media/")
    assert b"http://testserver" not in response.content
    for _, href in _alternates(client, "/news/world/"):
        assert href.startswith("https://news.example.com/feeds/")
