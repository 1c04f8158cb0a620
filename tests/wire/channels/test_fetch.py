"""fetch_url against a real server on 127.0.0.1, and every SSRF form we refuse."""

import ipaddress
import socket
import threading

import pytest
from django.test import override_settings

from masthead.wire.channels import fetch as fetch_module
from masthead.wire.channels.fetch import FetchError, fetch, fetch_url, numeric_host

# Only the server's own address is let through; everything else private is not.
ONLY_LOCAL_SERVER = {"OPTIONS": {"allowed_networks": ["127.0.0.1/32"]}}


# --- the positive path -----------------------------------------------------


def test_fetches_body_from_a_local_server(server):
    server.route("/story.xml", body=b"<story/>", headers={"ETag": '"v1"'})
    response = fetch(server.url("/story.xml"), allow_private=True)
    assert response.status == 200
    assert response.body == b"<story/>"
    assert response.headers["etag"] == '"v1"'
    assert fetch_url(server.url("/story.xml"), allow_private=True) == b"<story/>"


def test_sends_extra_headers_and_a_user_agent(server):
    server.route("/h", body=b"ok")
    fetch(server.url("/h"), headers={"If-None-Match": '"x"'}, allow_private=True)
    _method, _path, headers = server.requests[-1]
    assert headers["If-None-Match"] == '"x"'
    assert "Masthead" in headers["User-Agent"]


def test_close_delimited_body_without_content_length(server):
    server.route("/c", lambda h: h.respond(200, b"x" * 70_000, content_length=False))
    assert fetch_url(server.url("/c"), allow_private=True) == b"x" * 70_000


def test_settings_flag_allows_private_for_tests(server):
    server.route("/s", body=b"flag")
    with pytest.raises(FetchError, match="loopback"):
        fetch_url(server.url("/s"))
    with override_settings(MASTHEAD_WIRE_FETCH_ALLOW_PRIVATE=True):
        assert fetch_url(server.url("/s")) == b"flag"


def test_non_2xx_is_an_error_for_fetch_url(server):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_url(server.url("/missing"), allow_private=True)
    assert fetch(server.url("/missing"), allow_private=True).status == 404


def test_connects_to_the_checked_address_with_the_original_host(server, monkeypatch):
    """DNS rebinding: the name is resolved once and the socket goes to that address;
    the Host header still carries the name."""
    calls = []
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host == "wire.example":
            calls.append(host)
            # first answer: the server; any later answer would be elsewhere
            target = "127.0.0.1" if len(calls) == 1 else "192.0.2.1"
            return real(target, port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    server.route("/pinned", body=b"pinned")
    body = fetch_url(server.url("/pinned", host="wire.example"), allow_private=True)
    assert body == b"pinned"
    assert calls == ["wire.example"]
    assert server.requests[-1][2]["Host"] == f"wire.example:{server.port}"


# --- redirects -------------------------------------------------------------


def test_follows_a_redirect_on_the_same_host(server):
    server.route("/old", 302, headers={"Location": "/new"})
    server.route("/new", body=b"moved here")
    response = fetch(server.url("/old"), allow_private=True)
    assert response.body == b"moved here"
    assert response.url == server.url("/new")
    assert server.paths() == ["/old", "/new"]


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local"),
        ("http://127.0.0.2:{port}/new", "127.0.0.2 is a loopback address"),
        ("http://[::1]:{port}/new", "::1 is a loopback address"),
        ("http://0x7f000002:{port}/new", "127.0.0.2 is a loopback address"),
        ("http://10.1.2.3/", "10.1.2.3 is a private address"),
        ("file:///etc/passwd", "only http and https"),
        ("gopher://127.0.0.1:{port}/", "only http and https"),
    ],
)
def test_each_redirect_is_checked_again(server, location, reason):
    server.route("/hop", 302, headers={"Location": location.format(port=server.port)})
    server.route("/new", body=b"inside")
    with override_settings(MASTHEAD_WIRE_FETCH=ONLY_LOCAL_SERVER):
        with pytest.raises(FetchError, match=reason):
            fetch_url(server.url("/hop"), timeout=3)
    assert server.paths() == ["/hop"]


def test_without_the_allow_list_the_first_hop_is_refused(server):
    server.route("/hop", body=b"x")
    with pytest.raises(
        FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address"
    ):
        fetch_url(server.url("/hop"))
    assert server.requests == []


def test_redirect_limit(server):
    server.route("/loop", 301, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch_url(server.url("/loop"), max_redirects=3, allow_private=True)
    assert len(server.requests) == 4


def test_redirect_without_location(server):
    server.route("/r", 302)
    with pytest.raises(FetchError, match="without a Location"):
        fetch_url(server.url("/r"), allow_private=True)


# --- caps --------------------------------------------------------------------


def test_byte_cap_with_content_length(server):
    server.route("/big", body=b"x" * 2000)
    with pytest.raises(FetchError, match="over the 1000-byte cap"):
        fetch_url(server.url("/big"), max_bytes=1000, allow_private=True)
    assert fetch_url(server.url("/big"), max_bytes=2000, allow_private=True)


def test_byte_cap_without_content_length(server):
    server.route("/big", lambda h: h.respond(200, b"y" * 200_000, content_length=False))
    with pytest.raises(FetchError, match="over the 100000-byte cap"):
        fetch_url(server.url("/big"), max_bytes=100_000, allow_private=True)


def test_timeout_on_a_server_that_never_answers(server):
    # The server answers only when the test lets it, so the fetch can only end
    # by its own timeout: no clock in the assertion.
    release = threading.Event()
    answered = []

    def stalled(handler):
        release.wait(30)
        answered.append(True)
        handler.respond(200, b"late")

    server.route("/slow", stalled)
    try:
        with pytest.raises(FetchError, match="timed out after 0.5 s"):
            fetch_url(server.url("/slow"), timeout=0.5, allow_private=True)
        assert not answered
    finally:
        release.set()


def _dripping(stop: threading.Event, sent: list[int], lines: bool):
    """A server that sends one piece every 0.05 s (100 pieces: 5 s at least), a
    header line or a body byte, until the client gives up."""

    def drip(handler):
        if lines:
            handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        else:
            handler.send_response(200)
            handler.send_header("Content-Length", "100")
            handler.end_headers()
        for n in range(100):
            handler.wfile.write(f"X-Slow-{n}: y\r\n".encode() if lines else b"z")
            handler.wfile.flush()
            sent.append(n)
            if stop.wait(0.05):
                return

    return drip


def test_deadline_covers_a_drip_fed_body(server):
    """Each byte comes well within a socket timeout; the overall deadline still holds."""
    stop, sent = threading.Event(), []
    server.route("/drip", _dripping(stop, sent, lines=False))
    try:
        with pytest.raises(FetchError, match="timed out after 1 s"):
            fetch_url(server.url("/drip"), timeout=1, allow_private=True)
        # Given up mid-body: the server had not sent it all.
        assert len(sent) < 100
    finally:
        stop.set()


def test_deadline_covers_drip_fed_headers(server):
    """A server that never finishes its headers cannot hold the fetch either."""
    stop, sent = threading.Event(), []
    server.route("/drip-headers", _dripping(stop, sent, lines=True))
    try:
        with pytest.raises(FetchError, match="timed out after 1 s"):
            fetch_url(server.url("/drip-headers"), timeout=1, allow_private=True)
        assert len(sent) < 100
    finally:
        stop.set()


def test_allowed_ports(server):
    server.route("/p", body=b"p")
    with override_settings(
        MASTHEAD_WIRE_FETCH={"OPTIONS": {"allowed_ports": [80, 443]}}
    ):
        with pytest.raises(FetchError, match=f"port {server.port} is not allowed"):
            fetch_url(server.url("/p"), allow_private=True)
    assert server.requests == []


# --- URL forms and addresses --------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1/", "refused: 127.0.0.1 is a loopback address"),
        ("http://localhost/", "is a loopback address"),
        ("http://2130706433/", "refused: 127.0.0.1 is a loopback address"),
        ("http://0x7f.1/", "refused: 127.0.0.1 is a loopback address"),
        ("http://0x7f000001/", "refused: 127.0.0.1 is a loopback address"),
        ("http://017700000001/", "refused: 127.0.0.1 is a loopback address"),
        ("http://0177.0.0.1/", "refused: 127.0.0.1 is a loopback address"),
        ("http://127.1/", "refused: 127.0.0.1 is a loopback address"),
        ("http://127.0.0.1./", "refused: 127.0.0.1 is a loopback address"),
        ("http://[::1]/", "refused: ::1 is a loopback address"),
        ("http://[::ffff:127.0.0.1]/", "IPv4-mapped loopback address"),
        ("http://[::ffff:7f00:1]/", "IPv4-mapped loopback address"),
        ("http://[::ffff:169.254.169.254]/", "IPv4-mapped link-local address"),
        ("http://[::ffff:10.0.0.1]/", "IPv4-mapped private address"),
        ("http://0.0.0.0/", "refused: 0.0.0.0 is an unspecified address"),
        ("http://0/", "refused: 0.0.0.0 is an unspecified address"),
        ("http://[::]/", "refused: :: is an unspecified address"),
        ("http://10.0.0.1/", "refused: 10.0.0.1 is a private address"),
        ("http://172.16.5.4/", "refused: 172.16.5.4 is a private address"),
        ("http://192.168.1.1/", "refused: 192.168.1.1 is a private address"),
        ("http://169.254.169.254/", "refused: 169.254.169.254 is a link-local address"),
        ("http://[fe80::1]/", "refused: fe80::1 is a link-local address"),
        ("http://100.64.0.1/", "refused: 100.64.0.1 is a shared (CGNAT) address"),
        ("http://224.0.0.1/", "refused: 224.0.0.1 is a multicast address"),
        ("http://[ff02::1]/", "refused: ff02::1 is a multicast address"),
        ("http://240.0.0.1/", "refused: 240.0.0.1 is a reserved address"),
        ("http://255.255.255.255/", "255.255.255.255 is a"),
        ("http://[fec0::1]/", "refused: fec0::1 is a site-local address"),
        ("http://[fd00::1]/", "refused: fd00::1 is a private address"),
        ("http://[2002:7f00:1::]/", "6to4 loopback address"),
        ("http://[64:ff9b::a9fe:a9fe]/", "NAT64 link-local address"),
        ("http://192.0.2.1/", "192.0.2.1 is a"),  # documentation range
        ("http://256.1.1.1/", "is not a valid address"),
        ("http://09.1.1.1/", "is not a valid address"),
        ("http://user:secret@example.com/", "credentials in the URL"),
        ("http://user@example.com/", "credentials in the URL"),
        ("file:///etc/passwd", "only http and https"),
        ("ftp://example.com/", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("http:///nohost", "has no host"),
        ("http://example.com:99999/", "not a valid URL"),
    ],
)
def test_refuses_each_ssrf_form(url, message, monkeypatch):
    connects = []
    monkeypatch.setattr(
        socket, "create_connection", lambda *a, **k: connects.append(a) or 1 / 0
    )
    with pytest.raises(FetchError) as caught:
        fetch_url(url, timeout=2)
    assert message in str(caught.value)
    assert connects == []  # refused before any connection


def test_refuses_when_any_resolved_address_is_private(monkeypatch):
    def two_answers(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", two_answers)
    with pytest.raises(FetchError, match=r"refused: 10\.0\.0\.7 is a private address"):
        fetch_url("http://mixed.example/", timeout=2)


def test_unresolvable_name():
    with pytest.raises(FetchError, match="cannot resolve"):
        fetch_url("http://no-such-host.invalid/", timeout=5)


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("0177.0.0.01", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("192.168.257", "192.168.1.1"),
        ("8.8.8.8", "8.8.8.8"),
        ("::1", "::1"),
    ],
)
def test_numeric_host_reads_inet_aton_forms(host, address):
    assert numeric_host(host) == ipaddress.ip_address(address)


@pytest.mark.parametrize("host", ["example.com", "0x7f.example", "1.2.3.4.5", "a1"])
def test_numeric_host_leaves_names_alone(host):
    assert numeric_host(host) is None


def test_public_addresses_pass_the_rules():
    for ip in ("93.184.216.34", "8.8.8.8", "2606:4700::1111"):
        assert fetch_module.refusal_reason(ipaddress.ip_address(ip)) is None
