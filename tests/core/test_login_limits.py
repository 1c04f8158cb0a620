"""Login rate limits (issue 8, point 5): per account and per address."""

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.test import Client, RequestFactory

pytestmark = pytest.mark.integration

LOGIN = "/admin/login/"
LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        "editor", "editor@example.com", "right-password"
    )


def _login(username: str, password: str, ip: str = "203.0.113.1"):
    client = Client(REMOTE_ADDR=ip)
    response = client.post(LOGIN, {"username": username, "password": password})
    return response, client


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_few_wrong_passwords_then_the_right_one_signs_in(editor):
    for _ in range(LIMIT - 1):
        response, _ = _login("editor", "wrong")
        assert response.status_code == 200  # the form again, with its error
    response, client = _login("editor", "right-password")
    assert response.status_code == 302
    assert _signed_in(client)


def test_too_many_failures_lock_the_account_even_with_the_right_password(editor):
    # From a different address each time: only the account counter can stop it.
    for n in range(LIMIT):
        _login("editor", "wrong", ip=f"198.51.100.{n + 1}")

    response, client = _login("editor", "right-password", ip="192.0.2.200")
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many attempts, try again in 15 minutes" in body
    assert int(response["Retry-After"]) == 15 * 60
    assert not _signed_in(client)


def test_too_many_failures_lock_the_address_for_every_account(editor):
    get_user_model().objects.create_user("other", password="other-password")
    for n in range(LIMIT):
        _login(f"guess{n}", "wrong", ip="203.0.113.9")

    response, client = _login("editor", "right-password", ip="203.0.113.9")
    assert response.status_code == 429
    assert not _signed_in(client)
    # The same account from another address is not punished for that one.
    response, client = _login("editor", "right-password", ip="203.0.113.10")
    assert response.status_code == 302
    assert _signed_in(client)


def test_every_authenticate_call_honours_the_lock(editor):
    """Not only the admin form: Django's authenticate() refuses too."""
    request = RequestFactory().post("/elsewhere/", REMOTE_ADDR="192.0.2.7")
    for _ in range(LIMIT):
        assert authenticate(request, username="editor", password="wrong") is None
    fresh = RequestFactory().post("/elsewhere/", REMOTE_ADDR="192.0.2.8")
    assert authenticate(fresh, username="editor", password="right-password") is None
