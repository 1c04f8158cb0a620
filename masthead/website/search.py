"""Reader search over published articles, with filters and highlighted snippets."""

import re
from datetime import date, datetime, time, timedelta
from html import unescape
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, Paginator
from django.db import connection
from django.db.models import F
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from masthead.core.models import SiteSettings
from masthead.newsroom.models import ArticlePage, RegionPage, SectionPage

PER_PAGE = 20
# The archive's years (website/archive.py); a search outside them is a mistake.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2999
MAX_PAGE = 100_000
FTS_CANDIDATES = 1000
SNIPPET_CHARS = 240


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", max_length=200, required=False)
    section = forms.ModelChoiceField(
        queryset=SectionPage.objects.none(), required=False, to_field_name="slug"
    )
    region = forms.ModelChoiceField(
        queryset=RegionPage.objects.none(), required=False, to_field_name="slug"
    )
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page"].error_messages["invalid"] = (
            "The page number must be a number."
        )
        self.fields["section"].queryset = SectionPage.objects.live().order_by("path")
        self.fields["section"].empty_label = "All sections"
        self.fields["region"].queryset = RegionPage.objects.live().order_by("title")
        self.fields["region"].empty_label = "All regions"

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        for name, day in (("since", since), ("until", until)):
            # Dates beyond the archive cannot match, and at the calendar's edges
            # the site-zone day cannot even be turned into a UTC range.
            if day is not None and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
                self.add_error(
                    name,
                    f"Dates must be between {EARLIEST_YEAR} and {LATEST_YEAR}.",
                )
        if since and until and since > until and not self.errors:
            self.add_error("until", "The “To” date must not be before the “From” date.")
        return data


def highlight(text: str, terms: list[str], width: int = SNIPPET_CHARS) -> str:
    """A window of `text` around the first match, cut at word boundaries,
    escaped once, with matches in <mark>. `text` is plain text (not HTML)."""
    if not text:
        return ""
    pattern = (
        re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
        if terms
        else None
    )
    match = pattern.search(text) if pattern else None
    start, end = _word_window(text, match, width)
    window = text[start:end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    if pattern is None:
        return escape(prefix + window + suffix)
    out, last = [], 0
    for m in pattern.finditer(window):
        out.append(escape(window[last : m.start()]))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        last = m.end()
    out.append(escape(window[last:]))
    return mark_safe(escape(prefix) + "".join(out) + escape(suffix))  # noqa: S308


def _word_window(text: str, match, width: int) -> tuple[int, int]:
    """Start and end of a window of about `width` characters that begins and
    ends on whole words and holds the first match."""
    start = max(0, match.start() - width // 3) if match else 0
    if start > 0 and not text[start - 1].isspace():
        # Mid-word: move to the next word, but never past the match.
        space = text.find(" ", start, match.start() if match else None)
        start = space + 1 if space != -1 else (match.start() if match else start)
    end = start + width
    if end < len(text) and not text[end].isspace():
        space = text.rfind(" ", match.end() if match else start, end)
        if space > start:
            end = space
    return start, min(end, len(text))


_BLOCK_END = re.compile(r"</(?:p|li|h\d|blockquote)>|<br\s*/?>", re.IGNORECASE)


def html_to_text(source: str) -> str:
    """Rich text as the plain text a reader sees: tags dropped, entities
    decoded (so the snippet escapes `vessel's` once, not `vessel&#x27;s`)."""
    text = unescape(strip_tags(_BLOCK_END.sub(" ", source)))
    return " ".join(text.split())


def article_text(article: ArticlePage) -> str:
    """The lead and the body's paragraphs as plain text. Read from the stored
    JSON (`raw_data`): building every block of twenty bodies to take the text
    of their paragraphs was a third of a search's time."""
    parts = [article.lead]
    for block in article.body.raw_data:
        if block.get("type") == "paragraph" and isinstance(block.get("value"), str):
            parts.append(html_to_text(block["value"]))
    return " ".join(p for p in parts if p)


def search(request):
    form = SearchForm(request.GET or None)
    results, page, query, terms, capped = [], None, "", [], False
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        terms = [t for t in re.findall(r"\w+", query) if len(t) > 1][:8]
        articles = ArticlePage.objects.published()
        section = form.cleaned_data.get("section")
        if section is not None:
            articles = articles.descendant_of(section)
        region = form.cleaned_data.get("region")
        if region is not None:
            articles = articles.filter(
                pk__in=ArticlePage.regions.through.objects.filter(
                    regionpage=region
                ).values("articlepage")
            )
        zone = ZoneInfo(SiteSettings.for_request(request).time_zone)
        since, until = form.cleaned_data.get("since"), form.cleaned_data.get("until")
        if since:
            articles = articles.filter(first_published_at__gte=_start_of(since, zone))
        if until:
            articles = articles.filter(
                first_published_at__lt=_start_of(until + timedelta(days=1), zone)
            )
        if query:
            candidates = fts_candidates(terms)
            if candidates is not None:
                capped = len(candidates) >= FTS_CANDIDATES
                hits = _newest_first(articles, candidates)
            else:
                hits = articles.search(query, operator="and", order_by_relevance=True)
        elif section or region or since or until:
            hits = articles.select_related("source")
        else:
            hits = None
        if hits is not None:
            paginator = Paginator(hits, PER_PAGE)
            try:
                page = paginator.page(form.cleaned_data.get("page") or 1)
            except EmptyPage:
                page = paginator.page(1)
            if isinstance(hits, list):
                page.object_list = _articles_of(page.object_list)
            results = [
                {"article": a, "snippet": highlight(article_text(a), terms)}
                for a in page.object_list
            ]
    return TemplateResponse(
        request,
        "website/search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "page": page,
            # An empty Page is falsy in templates: say "searched" explicitly.
            "searched": page is not None,
            "capped": capped,
            "archive_url": _archive_url(form),
        },
        # A search the form refused is the reader's mistake, said on the page.
        status=400 if form.is_bound and form.errors else 200,
    )


def _newest_first(articles, candidates: list[int]) -> list[int]:
    """Ids of the published `articles` among `candidates`, newest first.

    One narrow query: its length is the count (a COUNT(*) repeated the whole
    filter). The order is an expression, not the column, so SQLite sorts the
    few candidates it looked up by key instead of walking the publish-time
    index of the whole archive for the page's twenty (tens of ms at 100k).
    published() keeps first_published_at set, so the Coalesce is that column.
    """
    newest = Coalesce("first_published_at", "last_published_at")
    return list(
        articles.filter(pk__in=candidates)
        .order_by(newest.desc(), F("id").desc())
        .values_list("pk", flat=True)
    )


def _articles_of(ids: list[int]) -> list[ArticlePage]:
    """One page of results, in the order of `ids`."""
    found = ArticlePage.objects.filter(pk__in=ids).select_related("source").in_bulk()
    return [found[pk] for pk in ids if pk in found]


def fts_candidates(terms: list[str], limit: int = FTS_CANDIDATES) -> list[int] | None:
    """Ids of articles holding every term, newest entries first, on SQLite.

    The database search backend runs its MATCH and a BM25 subquery per index
    row, which grows with the square of the archive (minutes at 100k). Asking
    the FTS5 table directly and capping the candidates keeps a query in
    milliseconds; results are then shown newest first, as a news archive
    is read. Returns None where the backend should answer (PostgreSQL).
    """
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if connection.vendor != "sqlite" or not backend.endswith(".database"):
        return None
    if not terms:
        return []
    match = " AND ".join(f'"{term}"' for term in terms)  # \w+ terms: no quotes inside
    content_type = ContentType.objects.get_for_model(ArticlePage).pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.object_id FROM wagtailsearch_indexentry_fts "
            "JOIN wagtailsearch_indexentry e ON e.id = wagtailsearch_indexentry_fts.rowid "
            "WHERE wagtailsearch_indexentry_fts MATCH %s AND e.content_type_id = %s "
            "ORDER BY wagtailsearch_indexentry_fts.rowid DESC LIMIT %s",
            [match, content_type, limit],
        )
        return [int(row[0]) for row in cursor.fetchall()]


def _archive_url(form: SearchForm) -> str:
    """Where a reader with no results can browse instead: the archive month of
    the dates they asked for, or the archive's index."""
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    day = data.get("since") or data.get("until")
    if day is None:
        return reverse("archive")
    return reverse("archive_month", args=[day.year, day.month])


def _start_of(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)
