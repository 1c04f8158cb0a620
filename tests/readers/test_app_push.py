"""Breaking news by Web Push (issue 9, point 5), end to end: a browser's
subscription (keys made here as a browser makes them) is handed over through
the App page's endpoint, "Send as alert" queues the push, and a push service
of our own on loopback receives the encrypted message, checks the VAPID
signature and decrypts it with the subscription's private key."""

import base64
import io
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.core.management import call_command
from django.core.management.base import CommandError

from masthead.newsroom.factories import ArticleFactory
from masthead.readers.app import push
from masthead.readers.app.models import PushSubscription
from masthead.readers.newsletter.alerts import send_alert

pytestmark = pytest.mark.django_db

ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Browser:
    """What a browser keeps for one push subscription."""

    def __init__(self, endpoint: str):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        self.endpoint = endpoint

    def subscription(self) -> dict:
        point = self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": self.endpoint,
            "keys": {"p256dh": b64(point), "auth": b64(self.auth)},
        }

    def decrypt(self, body: bytes) -> dict:
        plain = http_ece.decrypt(
            body, private_key=self.key, auth_secret=self.auth, version="aes128gcm"
        )
        return json.loads(plain)


class PushService:
    """A push service on a free loopback port: keeps every request, answers
    201, or 410 for endpoints that end in /gone."""

    def __init__(self):
        self.received = []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {k.lower(): v for k, v in self.headers.items()}
                service.received.append((self.path, headers, body))
                self.send_response(410 if self.path.endswith("/gone") else 201)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def keys(settings):
    made = push.generate_keys()
    settings.MASTHEAD_VAPID_PRIVATE_KEY = made["private_key"]
    settings.MASTHEAD_VAPID_PUBLIC_KEY = made["public_key"]
    settings.MASTHEAD_VAPID_SUBJECT = "mailto:newsroom@masthead.example"
    return made


@pytest.fixture
def service(settings):
    running = PushService()
    settings.MASTHEAD_PUSH_HOSTS = ["127.0.0.1"]
    settings.MASTHEAD_PUSH_ALLOW_HTTP = True
    yield running
    running.stop()


def subscribe(client, subscription, headers=ORIGIN):
    return client.post(
        "/app/push/",
        json.dumps(subscription),
        content_type="application/json",
        **headers,
    )


def verify_vapid(authorization: str, public_key: str, audience: str) -> dict:
    scheme, _, params = authorization.partition(" ")
    assert scheme == "vapid"
    fields = dict(p.strip().split("=", 1) for p in params.split(","))
    assert fields["k"] == public_key
    head, claims, signature = fields["t"].split(".")
    raw = unb64(signature)
    key = ec.EllipticCurvePublicKey.from_encoded_point(
        ec.SECP256R1(), unb64(public_key)
    )
    der = encode_dss_signature(
        int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    )
    try:
        key.verify(der, f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        pytest.fail("the VAPID token is not signed with our key")
    payload = json.loads(unb64(claims))
    assert payload["aud"] == audience
    assert payload["exp"] > time.time()
    return payload


def test_send_as_alert_pushes_an_encrypted_message(
    client, keys, service, section, django_capture_on_commit_callbacks
):
    browser = Browser(f"{service.base}/push/browser-1")
    assert subscribe(client, browser.subscription()).status_code == 201
    assert PushSubscription.objects.count() == 1
    gone = Browser(f"{service.base}/push/gone")
    assert subscribe(client, gone.subscription()).status_code == 201

    article = ArticleFactory(
        parent=section("world"),
        title="Typhoon makes landfall",
        lead="Ferries stop and schools close.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        send_alert(article)

    by_path = {path: (headers, body) for path, headers, body in service.received}
    headers, body = by_path["/push/browser-1"]
    assert headers["content-encoding"] == "aes128gcm"
    assert int(headers["ttl"]) > 0
    claims = verify_vapid(headers["authorization"], keys["public_key"], service.base)
    assert claims["sub"] == "mailto:newsroom@masthead.example"
    message = browser.decrypt(body)
    assert message["title"] == "Breaking: Typhoon makes landfall"
    assert message["body"] == "Ferries stop and schools close."
    assert message["url"].endswith(article.url)
    assert message["tag"] == f"article-{article.pk}"
    # The push service said the other subscription is gone: forgotten.
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [
        browser.endpoint
    ]


def test_unsubscribing_forgets_the_browser(client, keys, service):
    browser = Browser(f"{service.base}/push/browser-2")
    subscribe(client, browser.subscription())
    response = client.post(
        "/app/push/remove/",
        json.dumps(browser.subscription()),
        content_type="application/json",
        **ORIGIN,
    )
    assert response.status_code == 200
    assert not PushSubscription.objects.exists()


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://10.0.0.5/push",  # inside our network
        "https://127.0.0.1/push",
        "https://evil.example/push",
        "https://fcm.googleapis.com.evil.example/push",
        "https://user:pw@fcm.googleapis.com/push",
        "javascript:alert(1)",
        "https://fcm.googleapis.com/" + "x" * 2100,
    ],
)
def test_only_push_services_are_accepted_as_endpoints(client, keys, endpoint):
    subscription = Browser(endpoint).subscription()
    response = subscribe(client, subscription)
    assert response.status_code == 400
    assert not PushSubscription.objects.exists()


def test_a_real_push_service_endpoint_is_accepted(client, keys):
    browser = Browser("https://fcm.googleapis.com/fcm/send/abc:def")
    assert subscribe(client, browser.subscription()).status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps(["a list"]),
        json.dumps({"endpoint": "https://fcm.googleapis.com/x", "keys": {}}),
        json.dumps(
            {
                "endpoint": "https://fcm.googleapis.com/x",
                "keys": {"p256dh": "AAAA", "auth": "AAAA"},
            }
        ),
    ],
)
def test_broken_subscriptions_are_refused(client, keys, body):
    response = client.post(
        "/app/push/", body, content_type="application/json", **ORIGIN
    )
    assert response.status_code == 400
    assert not PushSubscription.objects.exists()


def test_a_subscription_from_another_site_is_refused(client, keys):
    browser = Browser("https://fcm.googleapis.com/fcm/send/abc")
    response = subscribe(
        client, browser.subscription(), headers={"HTTP_ORIGIN": "https://evil.example"}
    )
    assert response.status_code == 403
    assert not PushSubscription.objects.exists()


def test_without_keys_nothing_is_offered(client, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.MASTHEAD_VAPID_PRIVATE_KEY = settings.MASTHEAD_VAPID_PUBLIC_KEY = ""
    assert client.get("/app/").content.count(b"data-push-key") == 0
    browser = Browser("https://fcm.googleapis.com/fcm/send/abc")
    assert subscribe(client, browser.subscription()).status_code == 404


def test_the_app_page_offers_notifications_with_our_key(client, keys):
    html = client.get("/app/").content.decode()
    assert f'data-push-key="{keys["public_key"]}"' in html


def test_the_command_makes_a_key_pair_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.MASTHEAD_VAPID_PRIVATE_KEY = settings.MASTHEAD_VAPID_PUBLIC_KEY = ""
    call_command("vapid_keys", stdout=io.StringIO())
    path = tmp_path / "vapid.json"
    assert path.stat().st_mode & 0o777 == 0o600
    keys = push.vapid_keys()
    assert keys is not None and len(unb64(keys.public)) == 65
    with pytest.raises(CommandError):
        call_command("vapid_keys")
