"""The edition's public pages: per day, by month, the header link; bad dates."""

import pytest
from django.core.files.storage import default_storage

from masthead.epaper.build import build_edition
from masthead.epaper.models import EditionBuild
from tests.epaper.conftest import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(day_news):
    return build_edition(DAY, trigger=EditionBuild.Trigger.COMMAND)


def test_day_page_links_the_pdf_and_shows_the_front_page(client, edition):
    response = client.get("/epaper/2025/05/16/")
    assert response.status_code == 200
    html = response.content.decode()
    assert default_storage.url(edition.pdf) in html
    assert default_storage.url(edition.front_image) in html
    assert "Harbour bridge reopens" in html
    assert "public" in response["Cache-Control"]
    assert edition.pdf.startswith("epaper/2025/05/16/")


def test_month_and_index_list_the_edition(client, edition):
    month = client.get("/epaper/2025/05/")
    assert month.status_code == 200
    assert "/epaper/2025/05/16/" in month.content.decode()
    index = client.get("/epaper/")
    assert index.status_code == 200
    assert "May 2025" in index.content.decode()
    assert "/epaper/2025/05/" in index.content.decode()


def test_header_links_the_pdf_edition(client, edition):
    html = client.get("/epaper/").content.decode()
    assert '<a href="/epaper/">PDF</a>' in html


@pytest.mark.parametrize(
    "path",
    [
        "/epaper/2025/02/30/",  # no such date
        "/epaper/2025/13/01/",
        "/epaper/0000/01/01/",
        "/epaper/2025/5/16/",  # one address per edition
        "/epaper/2024/01/",
        "/epaper/99999999999999999999/01/01/",
    ],
)
def test_bad_dates_are_not_found(client, site_tree, path):
    assert client.get(path).status_code == 404


def test_a_day_without_an_edition_is_not_found(client, edition):
    assert client.get("/epaper/2025/05/17/").status_code == 404
    assert client.get("/epaper/2025/05/16/").status_code == 200


@pytest.mark.parametrize("year", ["abc", "20255", "２０２５", "-1"])
def test_malformed_year_filter_is_a_bad_request(client, site_tree, year):
    response = client.get("/epaper/", {"year": year})
    assert response.status_code == 400
    assert b"four digits" in response.content


def test_year_filter(client, edition):
    assert "May 2025" in client.get("/epaper/?year=2025").content.decode()
    assert "May 2025" not in client.get("/epaper/?year=2024").content.decode()
