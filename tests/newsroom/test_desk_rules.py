"""Credit defaults, corrections, takedowns and the desk's home panel."""

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.models import PageLogEntry

from masthead.newsroom.factories import ArticleFactory
from masthead.newsroom.models import ArticleCorrection, ArticlePage, Takedown
from masthead.newsroom.publishing import take_down

from .schedule_helpers import go_live_time_comes

pytestmark = pytest.mark.integration


@pytest.fixture
def editor_user(db):
    return get_user_model().objects.create_superuser(
        "lina", "lina@example.com", "pw", first_name="Lina", last_name="Wu"
    )


def test_publishing_editor_becomes_desk_editor_unless_chosen(
    section, editor_user, client
):
    article = ArticleFactory(parent=section("world"), title="Credited", publish=False)
    article.save_revision(user=editor_user).publish(user=editor_user)
    article.refresh_from_db()
    assert article.desk_editor.title == "Lina Wu"
    assert article.desk_editor.user == editor_user
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert page.select_one(".article__credit").get_text().endswith("Editor: Lina Wu")


def test_chosen_desk_editor_is_kept(section, editor_user):
    chosen = ArticleFactory(parent=section("world"), title="Chosen", publish=False)
    from masthead.newsroom.factories import PersonFactory
    from masthead.newsroom.models import PeopleIndexPage

    person = PersonFactory(parent=PeopleIndexPage.objects.get(), title="Zhao Yinuo")
    chosen.desk_editor = person
    chosen.save_revision(user=editor_user).publish(user=editor_user)
    chosen.refresh_from_db()
    assert chosen.desk_editor == person


def _add_note(article, text, at, user):
    article = ArticlePage.objects.get(pk=article.pk)
    article.corrections.add(
        ArticleCorrection(kind="correction", text=text, noted_at=at)
    )
    article.save_revision(user=user).publish(user=user)
    return ArticlePage.objects.get(pk=article.pk)


def test_correction_shows_with_its_time_and_moves_the_update_time(
    section, editor_user, client
):
    article = ArticleFactory(
        parent=section("world"),
        title="Corrected story",
        published_at=datetime(2025, 5, 16, 15, 35, tzinfo=UTC),
    )
    first = datetime(2025, 5, 17, 2, 5, tzinfo=UTC)
    article = _add_note(
        article, "An earlier version misspelt a name.", first, editor_user
    )
    assert article.updated_at == first
    second = datetime(2025, 5, 18, 4, 0, tzinfo=UTC)
    article = _add_note(
        article, "The casualty figure was revised.", second, editor_user
    )
    assert article.updated_at == second

    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert (
        page.select_one(".article__updated").get_text()
        == "Updated 12:00 UTC+8, 2025-05-18"
    )
    notes = [li.get_text(" ", strip=True) for li in page.select(".corrections li")]
    assert len(notes) == 2  # the earlier note stays
    assert "10:05 UTC+8, 2025-05-17" in notes[0] and "misspelt" in notes[0]
    assert (
        PageLogEntry.objects.filter(page=article, action="masthead.correction").count()
        == 2
    )
    entry = PageLogEntry.objects.filter(
        page=article, action="masthead.correction"
    ).first()
    assert entry.user == editor_user and entry.timestamp is not None


def test_published_corrections_cannot_be_removed_or_rewritten(section, editor_user):
    article = ArticleFactory(parent=section("world"), title="Kept notes")
    article = _add_note(
        article, "Original note.", datetime(2025, 5, 17, tzinfo=UTC), editor_user
    )
    note = article.corrections.get()
    note.text = "Quietly rewritten."
    article.corrections = [note]
    with pytest.raises(ValidationError):
        article.full_clean()
    article = ArticlePage.objects.get(pk=article.pk)
    article.corrections = []
    with pytest.raises(ValidationError):
        article.full_clean()


def test_takedown_unpublishes_records_the_reason_and_logs_it(
    section, editor_user, client
):
    article = ArticleFactory(
        parent=section("world"), title="Legal problem", slug="legal"
    )
    assert client.get("/news/world/legal/").status_code == 200
    take_down(article, "Court order 2025/17", user=editor_user)
    article.refresh_from_db()
    assert not article.live
    assert client.get("/news/world/legal/").status_code == 404
    assert "Legal problem" not in client.get("/news/world/").content.decode()
    record = Takedown.objects.get(article=article)
    assert (
        record.reason == "Court order 2025/17" and record.taken_down_by == editor_user
    )
    actions = set(
        PageLogEntry.objects.filter(page=article).values_list("action", flat=True)
    )
    assert {"wagtail.unpublish", "masthead.takedown"} <= actions


def test_takedown_needs_a_reason(section, editor_user):
    article = ArticleFactory(parent=section("world"), title="No reason")
    with pytest.raises(ValidationError):
        take_down(article, "  ", user=editor_user)
    article.refresh_from_db()
    assert article.live


def test_takedown_view_in_the_admin(section, editor_user, client):
    article = ArticleFactory(
        parent=section("world"), title="Via admin", slug="via-admin"
    )
    client.force_login(editor_user)
    url = f"/admin/newsroom/takedown/{article.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and ArticlePage.objects.get(pk=article.pk).live
    response = client.post(url, {"reason": "Wrong photo caption"})
    assert response.status_code == 302
    assert not ArticlePage.objects.get(pk=article.pk).live
    edit = client.get(f"/admin/pages/{article.pk}/edit/")
    assert edit.status_code == 200


def test_desk_home_panel_lists_todays_work(section, editor_user, client):
    from django.utils import timezone

    ArticleFactory(
        parent=section("world"), title="Fresh today", published_at=timezone.now()
    )
    pulled = ArticleFactory(parent=section("world"), title="Pulled today")
    take_down(pulled, "Duplicate", user=editor_user)
    scheduled = ArticleFactory(
        parent=section("world"), title="Later tonight", publish=False
    )
    scheduled.go_live_at = timezone.now() + timezone.timedelta(hours=3)
    scheduled.save_revision().publish()
    client.force_login(editor_user)
    html = client.get("/admin/").content.decode()
    panel = BeautifulSoup(html, "html.parser").select_one(
        "#masthead-desk-content"
    ) or BeautifulSoup(html, "html.parser")
    text = panel.get_text(" ")
    assert "Today on your desk" in html
    assert "Fresh today" in text and "Pulled today" in text and "Later tonight" in text


def test_scheduled_publish_credits_the_approving_editor(section, django_user_model):
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.utils import timezone

    call_command("setup_roles", verbosity=0)
    reporter = django_user_model.objects.create_user(
        "w.rep", first_name="Li", last_name="Wei"
    )
    reporter.groups.add(Group.objects.get(name="World reporters"))
    editor = django_user_model.objects.create_user(
        "w.ed", first_name="Zhao", last_name="Yinuo"
    )
    editor.groups.add(Group.objects.get(name="World editors"))

    article = ArticleFactory(
        parent=section("world"), title="Timed story", owner=reporter, publish=False
    )
    article.go_live_at = timezone.now() + timezone.timedelta(hours=1)
    article.save_revision(user=reporter)  # the reporter set the time
    state = article.get_workflow().start(article, reporter)
    state.current_task_state.specific.approve(user=editor, comment="Good to go")
    article.refresh_from_db()
    assert not article.live  # approved, but its time has not come

    # Its time comes: moved into the past rather than waited for.
    go_live_time_comes(article)
    call_command("worker", once=True)
    article.refresh_from_db()
    assert article.live
    assert article.desk_editor.user == editor  # not the reporter who wrote it
