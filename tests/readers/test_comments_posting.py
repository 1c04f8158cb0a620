"""Posting a comment from the cached article page, with JavaScript off: a
plain form, a plain POST, an answer page."""

import pytest

from masthead.readers.comments.models import Comment

from .comments_support import (  # noqa: F401 - fixtures, known by name
    ORIGIN,
    article_fixture,
    comment_fixture,
    post_fixture,
    publish_at_once_fixture,
    soup,
)

pytestmark = pytest.mark.integration


def test_article_page_has_a_plain_form_and_nothing_personal(client, article):
    response = client.get(article.url)
    page = soup(response)
    form = page.select_one("form.comment-form")
    assert form["method"] == "post"
    assert form["action"] == f"/comments/{article.pk}/"
    names = {i["name"] for i in form.select("input, textarea")}
    assert {"name", "email", "body", "parent", "website"} <= names
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "csrftoken" not in response.cookies
    assert "public" in response["Cache-Control"]


def test_a_comment_is_held_for_review_and_the_answer_says_so(client, post, article):
    response = post(article, body="First!\nSecond line.")
    assert response.status_code == 200
    assert "awaits moderation" in soup(response).select_one("h1").get_text()
    assert "no-store" in response["Cache-Control"]
    held = Comment.objects.get()
    assert held.status == Comment.Status.HELD
    assert held.body == "First!\nSecond line."
    assert held.article_id == article.pk
    # Held: not on the page yet.
    assert "First!" not in client.get(article.url).content.decode()


def test_a_section_can_publish_at_once(client, post, article, publish_at_once):
    publish_at_once("news")  # World is under News
    response = post(article, body="Shown at once.")
    assert "is published" in soup(response).select_one("h1").get_text()
    page = soup(client.get(article.url))
    assert [b.get_text() for b in page.select(".comment__body")] == ["Shown at once."]
    assert page.select_one(".article__time .comment-count").get_text() == (
        "Comments: 1"
    )


def test_reloading_the_answer_does_not_post_twice(post, article):
    post(article)
    post(article)
    assert Comment.objects.count() == 1


def test_email_address_is_never_shown(client, article, comment):
    comment(article, email="secret.person@example.com")
    assert "secret.person" not in client.get(article.url).content.decode()


def test_replies_are_one_level_deep_oldest_first(client, post, article, comment):
    first = comment(article, body="Top comment")
    second = comment(article, body="Second top comment")
    reply = comment(article, body="A reply", parent=first)
    post(article, body="Reply to the reply", parent=str(reply.pk))
    nested = Comment.objects.get(body="Reply to the reply")
    assert nested.parent_id == first.pk  # joined the thread, not a third level
    nested.status = Comment.Status.PUBLISHED
    nested.save()
    page = soup(client.get(article.url))
    threads = page.select(".comments__list > li")
    assert [t["id"] for t in threads] == [f"comment-{first.pk}", f"comment-{second.pk}"]
    replies = threads[0].select(".comments__replies .comment__body")
    assert [r.get_text() for r in replies] == ["A reply", "Reply to the reply"]
    assert not page.select(".comments__replies .comments__replies")


def test_reply_page_works_without_javascript(client, post, article, comment):
    first = comment(article, body="Top comment")
    page = soup(
        client.get(soup(client.get(article.url)).select_one(".comment__reply")["href"])
    )
    assert "Top comment" in page.get_text()
    assert page.select_one("input[name=parent]")["value"] == str(first.pk)


def test_reply_to_a_removed_comment_is_refused(post, article, comment):
    gone = comment(article, status=Comment.Status.REJECTED)
    response = post(article, parent=str(gone.pk))
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_fifty_threads_per_page_and_the_rest_on_further_pages(client, article, comment):
    for i in range(53):
        comment(article, body=f"Comment {i:02d}")
    page = soup(client.get(article.url))
    bodies = [
        b.get_text() for b in page.select(".comments__list > li > .comment__body")
    ]
    assert bodies == [f"Comment {i:02d}" for i in range(50)]
    assert page.select_one(".article__time .comment-count").get_text().endswith("53")
    more = page.select_one(".comments__more a")["href"]
    assert more == f"/comments/{article.pk}/page/2/"
    second = soup(client.get(more))
    assert [b.get_text() for b in second.select(".comment__body")] == [
        "Comment 50",
        "Comment 51",
        "Comment 52",
    ]
    assert client.get(f"/comments/{article.pk}/page/3/").status_code == 404


def test_closed_by_the_article_box(client, post, article):
    article.comments_open = False
    article.save_revision().publish()
    assert not soup(client.get(article.url)).select("form.comment-form")
    response = post(article)
    assert response.status_code == 403
    assert "closed" in response.content.decode()
    assert not Comment.objects.exists()


def test_closed_after_the_sections_number_of_days(
    client, post, article, publish_at_once
):
    publish_at_once("world", publish_at_once=False, close_after_days=3)
    # Published in 2025: long past three days.
    assert (
        "are closed" in soup(client.get(article.url)).select_one(".comments").get_text()
    )
    assert post(article).status_code == 403
    assert not Comment.objects.exists()


def test_taken_down_article_shows_and_takes_no_comments(client, post, article, comment):
    from masthead.newsroom.publishing import take_down

    first = comment(article, body="Was here")
    take_down(article, "Legal")
    assert client.get(article.url).status_code == 404
    assert post(article).status_code == 404
    assert client.get(f"/comments/{article.pk}/reply/{first.pk}/").status_code == 404
    assert Comment.objects.count() == 1
