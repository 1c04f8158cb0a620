"""The web app's files: the manifest, the service worker, the offline page and
the App page. All are public and cached like any page; nothing in them is
personal."""

import hashlib
import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from masthead.core.admin_paths import ADMIN_PREFIXES
from masthead.core.models import SiteSettings
from masthead.readers.app import push
from masthead.readers.app.models import PushSubscription
from masthead.readers.feedback import guard

THEME_COLOR = "#a3161a"  # the paper's red (website/static/website/masthead.css)
BACKGROUND_COLOR = "#fdfcf9"  # its paper
SHORT_NAME_MAX = 12  # what a phone shows under an icon without cutting it
MAX_ARTICLES = 30
MAX_PAGES = 10
MAX_IMAGES = 150
# The worker script is checked for updates on every visit whatever its
# lifetime; a short one keeps the page cache and a CDN from holding an old
# worker, which names the static files of the last deploy, for long.
SERVICE_WORKER_SECONDS = 60
OFFLINE_PATH = "/offline/"
# Never the admin, nor the private document view.
BYPASS = (*ADMIN_PREFIXES, "/documents")
SHELL_STATIC = (
    "website/masthead.css",
    "readers/app/app.js",
    "readers/app/icon-192.png",
)


def icons() -> list[dict]:
    return [
        {
            "src": static("readers/app/icon-192.png"),
            "sizes": "192x192",
            "type": "image/png",
            "purpose": "any",
        },
        {
            "src": static("readers/app/icon-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "any",
        },
        {
            "src": static("readers/app/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {
            "src": static("readers/app/icon.svg"),
            "sizes": "any",
            "type": "image/svg+xml",
            "purpose": "any",
        },
    ]


def short_name(name: str) -> str:
    if len(name) <= SHORT_NAME_MAX:
        return name
    first = name.split()[0]
    return first if len(first) <= SHORT_NAME_MAX else name[:SHORT_NAME_MAX]


@require_GET
def manifest(request):
    site_settings = SiteSettings.for_request(request)
    name = site_settings.masthead_name
    data = {
        "id": "/",
        "name": name,
        "short_name": short_name(name),
        "description": site_settings.tagline or f"The news from {name}.",
        "lang": "en",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "background_color": BACKGROUND_COLOR,
        "theme_color": THEME_COLOR,
        "categories": ["news"],
        "icons": icons(),
        "shortcuts": [
            {"name": "Search", "url": "/search/"},
            {"name": "Archive", "url": "/archive/"},
        ],
    }
    return JsonResponse(
        data,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


def service_worker_config() -> dict:
    shell = [OFFLINE_PATH, *(static(path) for path in SHELL_STATIC)]
    config = {
        "shell": shell,
        "offline": OFFLINE_PATH,
        "bypass": list(BYPASS),
        "static": settings.STATIC_URL,
        "media": settings.MEDIA_URL,
        "max_articles": MAX_ARTICLES,
        "max_pages": MAX_PAGES,
        "max_images": MAX_IMAGES,
        "icon": static("readers/app/icon-192.png"),
    }
    # A new version when the shell changes (a deploy renames the static files
    # it lists): the browser installs the worker again and refreshes it.
    config["version"] = hashlib.sha256(
        json.dumps(config, sort_keys=True).encode()
    ).hexdigest()[:12]
    return config


@require_GET
def service_worker(request):
    config = service_worker_config()
    body = render_to_string(
        "readers/app/sw.js",
        {
            "config": json.dumps(config),
            "max_articles": MAX_ARTICLES,
            "max_pages": MAX_PAGES,
            "max_images": MAX_IMAGES,
        },
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    patch_cache_control(
        response,
        public=True,
        max_age=SERVICE_WORKER_SECONDS,
        s_maxage=SERVICE_WORKER_SECONDS,
    )
    return response


@require_GET
def offline(request):
    return render(request, "readers/app/offline.html", {"max_articles": MAX_ARTICLES})


@require_GET
def app_page(request):
    keys = push.vapid_keys()
    return render(
        request,
        "readers/app/app_page.html",
        {"max_articles": MAX_ARTICLES, "push_key": keys.public if keys else ""},
    )


# -- web push: a browser hands over its subscription, or takes it back ------------

MAX_SUBSCRIPTION_BYTES = 4096
# The same allowance per IP address as a reader's messages, counted apart.
SUBSCRIPTIONS_PER_IP = guard.RateLimit("push-ip", "IP_LIMIT")


def _answer(status: int, message: str) -> JsonResponse:
    return JsonResponse({"ok": status < 300, "message": message}, status=status)


def _subscription_from(request) -> tuple[dict | None, JsonResponse | None]:
    """The posted subscription ({endpoint, keys: {p256dh, auth}}), or the
    answer that refuses it."""
    if not guard.same_origin(request):
        return None, _answer(403, "Not sent from this site.")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = MAX_SUBSCRIPTION_BYTES + 1
    if length > MAX_SUBSCRIPTION_BYTES:
        return None, _answer(413, "Too large for a subscription.")
    try:
        data = json.loads(request.body)
        endpoint = data["endpoint"]
        keys = data.get("keys") or {}
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, _answer(400, "Not a push subscription.")
    if not isinstance(endpoint, str) or not push.endpoint_allowed(endpoint):
        return None, _answer(400, "Not the address of a browser's push service.")
    return {
        "endpoint": endpoint,
        "p256dh": keys.get("p256dh"),
        "auth": keys.get("auth"),
    }, None


# csrf_exempt on purpose: the App page is cached and carries no token; the
# Origin check and a rate limit stand in for it, as on the reader forms.
@csrf_exempt
@require_POST
def push_subscribe(request):
    if push.vapid_keys() is None:
        return _answer(404, "Notifications are not offered here.")
    subscription, refusal = _subscription_from(request)
    if refusal is not None:
        return refusal
    p256dh, auth = subscription["p256dh"], subscription["auth"]
    if not (
        isinstance(p256dh, str)
        and isinstance(auth, str)
        and push.keys_valid(p256dh, auth)
    ):
        return _answer(400, "The subscription's keys are not valid.")
    if not SUBSCRIPTIONS_PER_IP.hit(guard.ip_of(request)):
        return _answer(429, "Too many attempts; try again later.")
    PushSubscription.objects.update_or_create(
        endpoint_digest=PushSubscription.digest(subscription["endpoint"]),
        defaults={
            "endpoint": subscription["endpoint"],
            "p256dh": p256dh,
            "auth": auth,
            "failures": 0,
        },
    )
    return _answer(201, "Breaking-news notifications are on.")


@csrf_exempt  # as push_subscribe() above
@require_POST
def push_unsubscribe(request):
    subscription, refusal = _subscription_from(request)
    if refusal is not None:
        return refusal
    PushSubscription.objects.filter(
        endpoint_digest=PushSubscription.digest(subscription["endpoint"])
    ).delete()
    return _answer(200, "Notifications are off.")
