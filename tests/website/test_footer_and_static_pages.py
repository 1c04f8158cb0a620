"""What every reader sees at the foot of the page, and the paper's own pages:
a copyright year that follows the date, the people index linked, and About,
Contact, Privacy and Terms with real text that matches what the site does."""

import importlib
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from masthead.core.models import SiteSettings
from masthead.demo.sitetree import build_site_tree, static_page_body
from masthead.newsroom.factories import ArticleFactory
from masthead.website.models import StandardPage

pytestmark = pytest.mark.integration
copyright_migration = importlib.import_module(
    "masthead.core.migrations.0002_copyright_holder"
)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def this_year() -> int:
    return timezone.now().astimezone(ZoneInfo("Asia/Shanghai")).year


def test_the_copyright_year_is_todays_and_the_setting_names_the_holder(
    client, site_tree
):
    settings = SiteSettings.objects.get()
    settings.copyright_holder = "Harbour Press Group"
    settings.save()
    line = soup(client.get("/")).select_one(".site-footer__copyright").get_text(" ")
    assert f"© {this_year()} Harbour Press Group. All rights reserved." in line


def test_an_empty_holder_falls_back_to_the_masthead_name(client, site_tree):
    SiteSettings.objects.update(copyright_holder="")
    line = soup(client.get("/")).select_one(".site-footer__copyright").get_text(" ")
    assert f"© {this_year()} Masthead Daily." in line


@pytest.mark.parametrize(
    ("notice", "holder"),
    [
        ("Copyright 2025 Masthead Daily. All rights reserved.", "Masthead Daily"),
        ("© 2019–2025 Harbour Press Group", "Harbour Press Group"),
        ("(c) 2024, City News Ltd, all rights reserved", "City News Ltd"),
        ("Masthead Daily", "Masthead Daily"),
        ("", ""),
    ],
)
def test_old_copyright_notices_keep_their_holder(notice, holder):
    assert copyright_migration.holder_from_notice(notice) == holder


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_an_existing_notice_to_the_holder(site_tree):
    executor = MigrationExecutor(connection)
    executor.migrate([("core", "0001_initial")])
    old_apps = executor.loader.project_state([("core", "0001_initial")]).apps
    OldSettings = old_apps.get_model("core", "SiteSettings")
    OldSettings.objects.update(copyright="Copyright 2024 Example Evening Post.")
    executor = MigrationExecutor(connection)
    executor.migrate([("core", "0002_copyright_holder")])
    assert SiteSettings.objects.get().copyright_holder == "Example Evening Post"


def test_the_people_index_is_linked_from_every_page(client, section):
    article = ArticleFactory(
        parent=section("world"), published_at=datetime(2025, 5, 16, 2, tzinfo=UTC)
    )
    for path in ("/", "/news/", article.url, "/archive/"):
        links = soup(client.get(path)).select(".site-footer__pages a")
        assert ("Our people", "/people/") in [(a.get_text(), a["href"]) for a in links]
    assert client.get("/people/").status_code == 200


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/about-us/", "How we work"),
        ("/contact-us/", "Corrections"),
        ("/privacy-policy/", "When you read the site"),
        ("/terms-of-use/", "Reading and sharing"),
    ],
)
def test_the_papers_pages_have_real_text(client, site_tree, path, heading):
    body = soup(client.get(path)).select_one("article.prose")
    assert heading in [h.get_text() for h in body.select("h2")]
    assert len(body.get_text(" ").split()) > 150


def test_contact_gives_the_hotline_and_address_from_the_settings(client, site_tree):
    SiteSettings.objects.update(hotline="+86 21 5555 0199", address="9 Quay Street")
    page = soup(client.get("/contact-us/"))
    details = page.select_one(".contact-details").get_text(" ")
    assert "+86 21 5555 0199" in details and "9 Quay Street" in details
    assert page.select_one('a[href="tel:+862155550199"]') is not None


def test_reading_sets_no_cookie_as_the_privacy_policy_says(client, section):
    policy = soup(client.get("/privacy-policy/")).get_text(" ")
    assert "We set no cookies on readers." in policy
    article = ArticleFactory(
        parent=section("world"), published_at=datetime(2025, 5, 16, 2, tzinfo=UTC)
    )
    for path in (
        "/",
        "/news/world/",
        article.url,
        "/archive/",
        "/archive/2025/05/16/",
        "/search/?q=harbour",
        "/people/",
        "/privacy-policy/",
        "/no-such-page/",
        "/sitemap.xml",
    ):
        response = client.get(path)
        assert not response.cookies, (path, list(response.cookies))
        assert not client.cookies, path


def test_only_the_desks_sign_in_page_sets_the_security_cookie(client, site_tree):
    # The policy says the desk's sign-in page sets the security cookie; it does.
    policy = soup(client.get("/privacy-policy/")).get_text(" ")
    assert "The desk's sign-in page sets the security cookie too." in policy
    response = client.get("/admin/login/")
    assert "csrftoken" in response.cookies


def test_the_demo_replaces_its_old_placeholders_but_not_an_editors_text(site_tree):
    terms = StandardPage.objects.get(slug="terms-of-use")
    terms.body = (
        "<p>Articles are for personal reading. Agency copy belongs to the agency "
        "that supplied it and may not be republished without its licence.</p>"
    )
    terms.save_revision().publish()
    about = StandardPage.objects.get(slug="about-us")
    about.body = "<p>Our own words, written by an editor.</p>"
    about.save_revision().publish()
    build_site_tree(hostname="testserver")
    assert StandardPage.objects.get(slug="terms-of-use").body == static_page_body(
        "terms-of-use"
    )
    assert "written by an editor" in StandardPage.objects.get(slug="about-us").body
