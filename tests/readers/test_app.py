"""The installable web app (issue 9, point 5), without a browser: the manifest
and its icons, the service worker's script and headers, the offline and App
pages, and what every public page links. The browser test
(tests/browser/test_readers_app.py) installs and reads offline."""

import json
import re
from io import BytesIO
from math import hypot
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

from masthead.core.models import SiteSettings
from masthead.readers.app import icons
from masthead.readers.app.views import short_name

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def static_file(url: str) -> Path:
    assert url.startswith(settings.STATIC_URL), url
    found = finders.find(url[len(settings.STATIC_URL) :])
    assert found, f"{url} is not a static file"
    return Path(found)


def test_the_manifest_names_the_paper_and_makes_it_installable(client):
    site_settings = SiteSettings.objects.get()
    site_settings.masthead_name = "Harbour Evening Post"
    site_settings.save()
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    assert "public" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["name"] == "Harbour Evening Post"
    assert data["short_name"] == "Harbour"
    assert data["start_url"] == "/" and data["scope"] == "/" and data["id"] == "/"
    assert data["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", data["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", data["background_color"])
    pngs = {
        (icon["sizes"], icon["purpose"]): icon
        for icon in data["icons"]
        if icon["type"] == "image/png"
    }
    # What Chrome wants to offer installing: 192 and 512 pixel icons.
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= set(
        pngs
    )
    for (sizes, _purpose), icon in pngs.items():
        with Image.open(static_file(icon["src"])) as image:
            assert f"{image.width}x{image.height}" == sizes


def test_short_names_fit_under_an_icon():
    assert short_name("Masthead") == "Masthead"
    assert short_name("Masthead Daily") == "Masthead"
    assert short_name("Supercalifragilistic Times") == "Supercalifra"


def test_the_committed_icons_are_the_drawing():
    """`masthead draw_app_icons` made them: drawn again, they come out the same."""
    for name, (pixels, maskable) in icons.ICONS.items():
        with Image.open(icons.STATIC_DIR / name) as committed:
            drawn = icons.draw(pixels, maskable)
            assert committed.size == drawn.size == (pixels, pixels)
            assert committed.mode == drawn.mode
            a, b = committed.tobytes(), drawn.tobytes()
            assert max(abs(x - y) for x, y in zip(a, b, strict=True)) <= 2, name
    assert (icons.STATIC_DIR / "icon.svg").read_text() == icons.svg()


def test_the_maskable_icon_keeps_its_drawing_in_the_safe_zone():
    image = icons.draw(512, maskable=True)
    red = image.getpixel((0, 0))
    assert image.mode == "RGB", "no transparency: a launcher fills the whole mask"
    centre = 256
    safe = 0.4 * 512
    for x in range(0, 512, 2):
        for y in range(0, 512, 2):
            if hypot(x - centre, y - centre) > safe:
                assert image.getpixel((x, y)) == red, (x, y)
    # And there is a drawing: the letter's left stem, white, inside it.
    assert image.getpixel((180, 236)) == (255, 255, 255)


def test_the_round_icon_has_transparent_corners():
    image = Image.open(
        BytesIO(static_file("/static/readers/app/icon-512.png").read_bytes())
    )
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0))[3] == 0
    assert image.getpixel((256, 30))[3] == 255


def test_the_service_worker_is_served_from_the_root(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    control = response["Cache-Control"]
    assert "public" in control
    assert "max-age=60" in control
    script = response.content.decode()
    config = json.loads(re.search(r"const CONFIG = (\{.*\});", script).group(1))
    assert config["offline"] == "/offline/"
    assert config["max_articles"] == 30
    assert "/offline/" in config["shell"]
    assert "/static/website/masthead.css" in config["shell"]
    assert "/static/readers/app/app.js" in config["shell"]
    for url in config["shell"][1:]:
        static_file(url)
    assert "/admin" in config["bypass"] and "/django-admin" in config["bypass"]
    assert "/documents" in config["bypass"]
    # Never a response a server marked personal.
    assert "private|no-store" in script
    assert "template-article" in script


def test_the_worker_changes_when_the_shell_does(settings, client):
    first = client.get("/sw.js").content
    settings.STATIC_URL = "/static-v2/"
    assert client.get("/sw.js").content != first


def test_every_public_page_links_the_manifest_and_the_script(client):
    page = soup(client.get("/"))
    assert page.select_one('link[rel="manifest"]')["href"] == "/manifest.webmanifest"
    assert page.select_one('meta[name="theme-color"]')
    assert page.select_one('link[rel="apple-touch-icon"]')
    [script] = [s for s in page.select("script[src]") if "app.js" in s["src"]]
    assert script.has_attr("defer")
    # No inline script: the strict CSP allows none. JSON-LD is a data block
    # (api/structured): browsers never run it, and CSP does not govern it.
    assert not [
        s
        for s in page.select("script")
        if not s.get("src") and s.get("type") != "application/ld+json"
    ]
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_header_links_the_app_page(client):
    links = soup(client.get("/")).select(".site-header__tools a")
    assert "/app/" in [a["href"] for a in links]


def test_the_app_page_says_how_to_install_on_a_phone(client):
    response = client.get("/app/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    text = soup(response).get_text(" ", strip=True)
    assert "Add to Home Screen" in text  # iPhone
    assert "Install app" in text  # Android
    assert "30 articles" in text
    install = soup(response).select_one("[data-app-install-box]")
    assert install.has_attr("hidden"), "offered only when the browser can install"


def test_the_offline_page(client):
    response = client.get("/offline/")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "You are offline"
    assert page.select_one("[data-saved-articles]") is not None
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
