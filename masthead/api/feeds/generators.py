"""Django's RSS 2.0 and Atom writers, plus what a news feed carries beside
the basics: the full text (`content:encoded`, Atom `<content>`), the lead
image as Media RSS (`media:content`, with caption and credit), and the next
page of the feed (RFC 5005 `rel="next"`), and in RSS the update time of an
entry (`atom:updated`), which RSS 2.0 has no element for."""

from django.utils import feedgenerator

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


def _media_content(handler, picture) -> None:
    attrs = {"url": picture.url, "medium": "image", "type": picture.mime_type}
    if picture.length:
        attrs["fileSize"] = str(picture.length)
    if picture.width and picture.height:
        attrs["width"], attrs["height"] = str(picture.width), str(picture.height)
    handler.startElement("media:content", attrs)
    if picture.caption or picture.alt:
        handler.addQuickElement(
            "media:description", picture.caption or picture.alt, {"type": "plain"}
        )
    if picture.credit:
        handler.addQuickElement("media:credit", picture.credit)
    handler.endElement("media:content")


class NewsRssFeed(feedgenerator.Rss201rev2Feed):
    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("next_url"):
            handler.addQuickElement(
                "atom:link",
                None,
                {
                    "rel": "next",
                    "href": self.feed["next_url"],
                    "type": self.content_type.split(";")[0],
                },
            )

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("updateddate") is not None:
            # RSS 2.0 has no update time: a correction shows by Atom's.
            handler.addQuickElement(
                "atom:updated", feedgenerator.rfc3339_date(item["updateddate"])
            )
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        if item.get("picture") is not None:
            _media_content(handler, item["picture"])


class NewsAtomFeed(feedgenerator.Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("next_url"):
            handler.addQuickElement(
                "link",
                "",
                {
                    "rel": "next",
                    "href": self.feed["next_url"],
                    "type": self.content_type.split(";")[0],
                },
            )

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        if item.get("picture") is not None:
            _media_content(handler, item["picture"])
