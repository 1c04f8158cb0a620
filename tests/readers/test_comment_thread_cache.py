"""The article's comments section is kept rendered (comments/kept.py), and
every change readers would see retires it: the next render shows it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masthead.readers.comments import moderation
from masthead.readers.comments.models import Comment

from .comments_support import (  # noqa: F401 - fixtures, known by name
    article_fixture,
    comment_fixture,
    post_fixture,
    publish_at_once_fixture,
    soup,
)

pytestmark = pytest.mark.integration


@pytest.fixture
def desk(django_user_model):
    return django_user_model.objects.create_superuser("desk", password="x")


def shown(client, article) -> tuple[list[str], str, str]:
    """Bodies in the thread, the heading, and the count beside the time."""
    response = client.get(article.url)
    assert response.status_code == 200
    page = soup(response)
    bodies = [b.get_text(strip=True) for b in page.select("#comments .comment__body")]
    heading = page.select_one("#comments-heading").get_text()
    count = page.select_one(".article__time .comment-count").get_text()
    return bodies, heading, count


def comment_queries(client, url) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    sql = [q["sql"] for q in captured.captured_queries]
    return len(sql), [s for s in sql if "readers_comment" in s]


def test_a_steady_render_reads_no_comments_and_stays_within_eight(
    client, article, comment
):
    comment(article, body="First!")
    client.get(article.url)  # warm
    total, on_comments = comment_queries(client, article.url)
    assert on_comments == []
    assert total <= 8
    # The kept section is the one rendered: thread, count and form.
    bodies, heading, count = shown(client, article)
    assert bodies == ["First!"]
    assert heading == "Comments (1)"
    assert count == "Comments: 1"


def test_an_approved_comment_shows_on_the_next_render(client, article, post, desk):
    assert shown(client, article)[0] == []
    assert post(article, body="Held for review.").status_code == 200
    # Waiting for review: nothing readers see changed, the kept one stands.
    assert shown(client, article) == ([], "Comments (0)", "Comments: 0")
    moderation.approve(Comment.objects.filter(body="Held for review."), desk)
    assert shown(client, article) == (
        ["Held for review."],
        "Comments (1)",
        "Comments: 1",
    )


def test_a_comment_published_at_once_shows_on_the_next_render(
    client, article, post, publish_at_once
):
    publish_at_once()
    assert shown(client, article)[0] == []
    assert post(article, body="Straight on the page.").status_code == 200
    assert shown(client, article)[0] == ["Straight on the page."]


def test_rejected_spam_and_deleted_comments_disappear(client, article, comment, desk):
    one = comment(article, body="One.")
    two = comment(article, body="Two.")
    three = comment(article, body="Three.")
    assert shown(client, article) == (
        ["One.", "Two.", "Three."],
        "Comments (3)",
        "Comments: 3",
    )
    moderation.reject(Comment.objects.filter(pk=one.pk), desk)
    assert shown(client, article) == (["Two.", "Three."], "Comments (2)", "Comments: 2")
    moderation.mark_spam(Comment.objects.filter(pk=two.pk), desk)
    assert shown(client, article)[0] == ["Three."]
    three.delete()  # the admin or a shell: signals, not moderation
    assert shown(client, article) == ([], "Comments (0)", "Comments: 0")


def test_a_reply_and_an_edit_saved_directly_show_too(client, article, comment):
    parent = comment(article, body="A question.")
    assert shown(client, article)[0] == ["A question."]
    comment(article, body="An answer.", parent=parent)
    assert shown(client, article)[0] == ["A question.", "An answer."]
    parent.body = "A better question."
    parent.save()
    assert shown(client, article)[0] == ["A better question.", "An answer."]


def test_one_articles_change_leaves_the_others_kept(client, article, comment, section):
    from masthead.newsroom.factories import ArticleFactory

    other = ArticleFactory(parent=section("world"), title="Another story")
    comment(other, body="Elsewhere.")
    client.get(other.url)
    client.get(article.url)
    comment(article, body="Here.")
    assert comment_queries(client, other.url)[1] == []
    assert comment_queries(client, article.url)[1] != []
    assert shown(client, other)[0] == ["Elsewhere."]


def test_the_form_is_the_same_for_everyone_and_posts_without_a_token(
    client, article, post
):
    first = client.get(article.url).content.decode()
    client.cookies.clear()
    second = client.get(article.url).content.decode()
    form = soup(client.get(article.url)).select_one("form.comment-form")
    assert form is not None
    assert form.select("input[name=csrfmiddlewaretoken]") == []
    assert first == second
    # Django's CSRF check on: the form's post is judged by its Origin.
    client.handler.enforce_csrf_checks = True
    assert post(article, body="Posted from the kept form.").status_code == 200
    assert post(article, body="From elsewhere.", headers={}).status_code == 403
