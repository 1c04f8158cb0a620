"""The basket as an editor sees it: the warning marker is icon-sized with its
count in plain sight, columns a phone cannot fit give way, and the incomplete
tick sits beside its words."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from masthead.wire.forms import CHECKED_INCOMPLETE_LABEL
from masthead.wire.parsers import WireStory

from .test_warnings_and_incomplete import stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def cut_short(db):
    return stored(
        WireStory(
            format="anpa1312",
            headline="Lighthouse keepers strike",
            body_html="<p>The keepers walked out at noon and</p>",
            incomplete=True,
            warnings=("incomplete: the file ends before its end-of-text marker",),
        )
    )


def soup_of(client, name, *args):
    response = client.get(reverse(f"wire_basket:{name}", args=args))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_checks_cell_shows_a_small_icon_and_the_count(client, world_desk, cut_short):
    client.force_login(world_desk)
    page = soup_of(client, "index")
    row = next(tr for tr in page.select("tbody tr") if cut_short.headline in tr.text)
    checks = row.select_one(".wire-checks")
    assert checks.select_one(".wire-incomplete-badge").get_text(strip=True) == (
        "Incomplete"
    )
    icon = checks.select_one(".wire-warnings svg")
    # Unsized, the admin draws this SVG 300 px wide (the default for an <svg>).
    assert {"w-w-5", "w-h-5"} <= set(icon["class"])
    shown = checks.select_one(".wire-warning-count")
    assert shown.get_text(strip=True) == "1"  # one warning is counted too


def test_columns_a_phone_cannot_fit_give_way(client, world_desk, cut_short):
    client.force_login(world_desk)
    page = soup_of(client, "index")
    narrow = {th.get_text(strip=True) for th in page.select("thead th.wire-wide")}
    assert narrow == {"Status", "Format", "Version"}
    style = "\n".join(s.get_text() for s in page.select("style"))
    assert "@media (max-width: 49.9375em)" in style
    assert ".listing th.wire-wide, .listing td.wire-wide { display: none; }" in style
    assert page.select_one("td.wire-headline")


def test_the_incomplete_tick_is_inside_its_label(client, world_desk, cut_short):
    client.force_login(world_desk)
    page = soup_of(client, "inspect", cut_short.pk)
    box = page.select_one("input[name=checked_incomplete]")
    label = box.find_parent("label")
    assert label is not None and label["for"] == box["id"]
    assert CHECKED_INCOMPLETE_LABEL in label.get_text(" ", strip=True).replace(
        "\u2019", "'"
    )
