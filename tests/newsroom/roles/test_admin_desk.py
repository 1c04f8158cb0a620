"""The desk in the admin (issue 7, point 9): which page types a reporter is
offered, the headline's label, the site's clock in the admin and the message
that says when a scheduled article goes live."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Site

from masthead.core.clock import forget_clock
from masthead.core.models import SiteSettings
from masthead.newsroom.models import ArticlePage, SectionPage, SpecialReportPage

from .conftest import OWN_DESK
from .test_review import article_form, edit_url

pytestmark = pytest.mark.django_db

# The site's zone is Asia/Shanghai (the SiteSettings default): 06:00 UTC is
# 14:00 there. A year far ahead, so the time is always in the future.
GO_LIVE_UTC = datetime(2099, 11, 27, 6, 0, tzinfo=UTC)
GO_LIVE_TYPED = "2099-11-27 14:00"  # as an editor types it into the admin
SCHEDULED_FOR = "Scheduled for 14:00 UTC+8, 2099-11-27"


@pytest.fixture(autouse=True)
def _fresh_clock():
    forget_clock()
    yield
    forget_clock()


def add_subpage_url(section):
    return reverse("wagtailadmin_pages:add_subpage", args=[section.pk])


def add_url(model, section):
    meta = model._meta
    return reverse(
        "wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, section.pk]
    )


def offered_types(html: str) -> set[str]:
    """The page types the chooser links to, as "app.model"."""
    soup = BeautifulSoup(html, "html.parser")
    found = set()
    for link in soup.select("main a[href*='/admin/pages/add/']"):
        app, model = link["href"].split("/admin/pages/add/")[1].split("/")[:2]
        found.add(f"{app}.{model}")
    return found


def test_a_reporter_is_sent_straight_to_the_article_form(newsroom, client):
    section = newsroom.sections[OWN_DESK]
    client.force_login(newsroom.user("reporter"))
    response = client.get(add_subpage_url(section))
    assert response.status_code == 302
    assert response["Location"] == add_url(ArticlePage, section)
    assert client.get(add_url(ArticlePage, section)).status_code == 200


def test_an_editor_chooses_among_every_type_of_the_section(newsroom, client):
    client.force_login(newsroom.user("editor"))
    response = client.get(add_subpage_url(newsroom.sections[OWN_DESK]))
    assert response.status_code == 200
    assert offered_types(response.content.decode()) == {
        "newsroom.articlepage",
        "newsroom.sectionpage",
        "newsroom.specialreportpage",
    }


@pytest.mark.parametrize("model", [SectionPage, SpecialReportPage])
def test_a_reporter_may_not_create_other_types(newsroom, client, model):
    section = newsroom.sections[OWN_DESK]
    client.force_login(newsroom.user("reporter"))
    before = model.objects.count()
    response = client.get(add_url(model, section))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    response = client.post(
        add_url(model, section),
        {"title": "Sneaked in", "slug": "sneaked-in", "action-submit": "1"},
    )
    assert response.status_code == 302
    assert model.objects.count() == before
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("permission" in m for m in messages), messages


def test_the_headline_field_is_labelled_headline(newsroom, client):
    page = newsroom.page(OWN_DESK, "draft")
    client.force_login(newsroom.user("reporter"))
    soup = BeautifulSoup(client.get(edit_url(page)).content, "html.parser")
    field = soup.select_one("#id_title")
    assert soup.select_one("label[for=id_title]").get_text(strip=True) == "Headline*"
    assert field["placeholder"] == "Headline*"
    help_text = soup.select_one(f"#{field['aria-describedby']}").get_text()
    assert "page title" not in help_text.lower()


def test_wagtail_shows_times_on_the_site_clock(newsroom, client):
    """The status panel's go-live time: the site's zone, a 24-hour clock."""
    editor = newsroom.user("editor")
    page = newsroom.page(OWN_DESK, "draft")
    page.go_live_at = GO_LIVE_UTC
    page.save_revision(user=editor).publish(user=editor)
    client.force_login(editor)
    html = client.get(edit_url(page)).content.decode()
    # The zone as the site writes it, not Django's `+0800`.
    assert "14:00 UTC+8, 2099-11-27" in html
    assert "UTC+0800" not in html
    assert "a.m." not in html and "p.m." not in html


def test_a_half_hour_zone_reads_like_the_site_in_the_admin(newsroom, client):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.time_zone = "Asia/Kolkata"
    settings.save()
    forget_clock()
    editor = newsroom.user("editor")
    page = newsroom.page(OWN_DESK, "draft")
    page.go_live_at = GO_LIVE_UTC
    page.save_revision(user=editor).publish(user=editor)
    client.force_login(editor)
    html = client.get(edit_url(page)).content.decode()
    assert "11:30 UTC+5:30, 2099-11-27" in html
    assert "+0530" not in html


def test_publishing_ahead_says_when_on_the_site_clock(newsroom, client):
    page = newsroom.page(OWN_DESK, "draft")
    client.force_login(newsroom.user("editor"))
    response = client.post(
        edit_url(page),
        article_form(page, go_live_at=GO_LIVE_TYPED, **{"action-publish": "1"}),
        follow=True,
    )
    page.refresh_from_db()
    # Typed on the site's clock, stored in UTC.
    assert page.scheduled_revision.approved_go_live_at == GO_LIVE_UTC
    assert not page.live
    messages = [str(m) for m in response.context["messages"]]
    assert any(SCHEDULED_FOR in m for m in messages), messages
    assert not any("has been scheduled for publishing" in m for m in messages)


def test_approving_ahead_says_when_on_the_site_clock(newsroom, client):
    page = newsroom.page(OWN_DESK, "draft")
    client.force_login(newsroom.user("reporter"))
    response = client.post(
        edit_url(page),
        article_form(page, go_live_at=GO_LIVE_TYPED, **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    client.force_login(newsroom.user("editor"))
    response = client.post(
        edit_url(page),
        article_form(
            page,
            go_live_at=GO_LIVE_TYPED,
            **{
                "action-workflow-action": "1",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": '{"comment": "Run it."}',
            },
        ),
        follow=True,
    )
    page.refresh_from_db()
    assert page.current_workflow_state is None
    assert page.scheduled_revision.approved_go_live_at == GO_LIVE_UTC
    messages = [str(m) for m in response.context["messages"]]
    assert any(SCHEDULED_FOR in m and "approved" in m for m in messages), messages


def test_the_admin_asks_no_outside_host_for_avatars(newsroom, client):
    client.force_login(newsroom.user("editor"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    sources = [img.get("src", "") for img in soup.find_all("img")]
    assert sources, "the dashboard shows the user's avatar"
    assert all(src.startswith("/") and not src.startswith("//") for src in sources)
