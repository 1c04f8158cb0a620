"""The editors' admin on a big section (issue 14): the explorer, its search,
the page chooser's search and the dashboard read one page of rows on indexes,
with no COUNT(*) over the section's children, and still show the right pages
to the right people."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.newsroom.roles.conftest import OTHER_DESK, OWN_DESK

pytestmark = pytest.mark.django_db

EXTRA_CHILDREN = 130  # more than two pages of the explorer's 50


@pytest.fixture(scope="module", autouse=True)
def _no_stale_site_paths():
    """The newsroom is built once per module, before the per-test cache
    clearing: a shared cache (Redis in the PostgreSQL pass) may still hold
    another database's site root paths, so clear it first."""
    from django.core.cache import caches

    caches["default"].clear()


@pytest.fixture(scope="module")
def big_world(newsroom, django_db_blocker):
    """World with well over a page of children, each changed a minute apart
    (the newest last); a few of them, and one Sport article, say "zeppelin"."""
    from masthead.newsroom.factories import paragraphs_to_body
    from masthead.newsroom.models import ArticlePage

    with django_db_blocker.unblock():
        world = newsroom.sections[OWN_DESK]
        start = timezone.now() + timedelta(hours=1)  # after the fixture's pages
        made = []
        for n in range(EXTRA_CHILDREN):
            title = f"Zeppelin lands in port {n}" if n % 40 == 0 else f"Archive {n}"
            made.append(
                world.add_child(
                    instance=ArticlePage(
                        title=title,
                        slug=f"archive-{n}",
                        lead="A lead.",
                        body=paragraphs_to_body(["A paragraph."]),
                        live=True,
                        latest_revision_created_at=start + timedelta(minutes=n),
                    )
                )
            )
        sport = newsroom.sections[OTHER_DESK]
        sport.add_child(
            instance=ArticlePage(
                title="Zeppelin over the stadium",
                slug="sport-zeppelin",
                lead="A lead.",
                body=paragraphs_to_body(["A paragraph."]),
                live=True,
            )
        )
        world.refresh_from_db()
        return world, made


def _page_counts(captured) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if "COUNT(" in q["sql"].upper() and '"wagtailcore_page"' in q["sql"]
    ]


@pytest.mark.parametrize("who", ["chief", "editor", "reporter"])
def test_the_explorer_of_a_big_section_reads_one_page_and_counts_nothing(
    big_world, login, who
):
    world, made = big_world
    client = login(who)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("wagtailadmin_explore", args=[world.pk]))
    assert response.status_code == 200
    rows = list(response.context["object_list"])
    assert len(rows) == 50
    # Newest change first, as Wagtail orders a section by default.
    assert [p.pk for p in rows[:3]] == [p.pk for p in reversed(made[-3:])]
    # The total shown is the section's children, taken from numchild.
    assert response.context["paginator"].count == world.numchild
    assert world.numchild >= EXTRA_CHILDREN
    assert _page_counts(captured) == []


def test_the_last_page_of_the_explorer_holds_the_oldest_children(big_world, login):
    world, _ = big_world
    client = login("chief")
    last = (world.numchild + 49) // 50
    response = client.get(reverse("wagtailadmin_explore", args=[world.pk]), {"p": last})
    rows = list(response.context["object_list"])
    assert len(rows) == world.numchild - 50 * (last - 1)
    listed = {p.pk for p in rows}
    oldest = world.get_children().order_by("latest_revision_created_at").first()
    assert oldest.pk in listed


def test_off_the_desk_the_explorer_still_sends_a_desk_home(newsroom, login):
    """Wagtail's own checks stand: a World editor asking for the page above
    both desks, or for Sport, is sent to World."""
    world, sport = newsroom.sections[OWN_DESK], newsroom.sections[OTHER_DESK]
    client = login("editor")
    for page in (world.get_parent(), sport):
        response = client.get(reverse("wagtailadmin_explore", args=[page.pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_explore", args=[world.pk])


def test_a_search_inside_the_explorer_finds_the_sections_pages(big_world, login):
    world, made = big_world
    client = login("chief")
    response = client.get(
        reverse("wagtailadmin_explore", args=[world.pk]), {"q": "zeppelin"}
    )
    assert response.status_code == 200
    found = [p.pk for p in response.context["object_list"]]
    expected = [p.pk for p in reversed(made) if p.title.startswith("Zeppelin")]
    # Only World's, newest change first (not Sport's zeppelin).
    assert found == expected
    assert response.context["paginator"].count == len(expected)


def test_searching_the_whole_tree_from_the_explorer_finds_every_desk(big_world, login):
    world, _ = big_world
    response = login("chief").get(
        reverse("wagtailadmin_explore", args=[world.pk]),
        {"q": "zeppelin", "search_all": "1"},
    )
    titles = {p.title for p in response.context["object_list"]}
    assert "Zeppelin over the stadium" in titles
    assert "Zeppelin lands in port 0" in titles


def test_the_page_chooser_search_lists_matches_newest_first(big_world, login):
    world, made = big_world
    response = login("chief").get(
        reverse("wagtailadmin_choose_page_search"), {"q": "zeppelin"}
    )
    assert response.status_code == 200
    found = [p.title for p in response.context["pages"]]
    assert set(found) == {p.title for p in made if p.title.startswith("Zeppelin")} | {
        "Zeppelin over the stadium"
    }
    world_hits = [t for t in found if t.startswith("Zeppelin lands")]
    assert world_hits == sorted(world_hits, key=lambda t: -int(t.rsplit(" ", 1)[1]))


def test_the_chooser_search_keeps_other_desks_drafts_out(newsroom, login):
    response = login("sport_reporter").get(
        reverse("wagtailadmin_choose_page_search"), {"q": "zebra"}
    )
    titles = {p.title for p in response.context["pages"]}
    assert "World draft zebra" not in titles
    assert "Sport draft zebra" in titles


def test_the_dashboard_counts_pages_as_wagtail_does(big_world, login):
    from wagtail.models import Page

    from masthead.newsroom.roles import home_page

    response = login("chief").get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    total = Page.objects.descendant_of(home_page(), inclusive=True).count()
    assert f"{total} Pages" in response.content.decode()


@pytest.mark.parametrize(("who", "sees_sport"), [("chief", True), ("editor", False)])
def test_the_desk_panel_lists_todays_takedowns_and_flags_of_the_desk(
    newsroom, login, who, sees_sport
):
    from masthead.newsroom.models import ArticlePage, Takedown

    world = newsroom.page(OWN_DESK, "live")
    sport = newsroom.page(OTHER_DESK, "live")
    for article in (world, sport):
        Takedown.objects.create(article=article, reason=f"Pulled {article.slug}")
    ArticlePage.objects.filter(pk__in=[world.pk, sport.pk]).update(
        wire_flag=ArticlePage.WireFlag.CANCELLED
    )
    response = login(who).get(reverse("wagtailadmin_home"))
    panel = response.content.decode()
    assert f"Pulled {world.slug}" in panel
    assert (f"Pulled {sport.slug}" in panel) is sees_sport
    flagged = 2 if sees_sport else 1
    assert f"Agency changes to check ({flagged})" in panel
