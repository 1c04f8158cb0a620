"""Fetch a URL from the outside world without letting it reach the inside.

Used by the URL import and the feed poller. The rules, on every hop of a
redirect chain:

* only http and https, no credentials in the URL, optionally only some ports;
* the host is resolved once (numeric forms such as ``2130706433``, ``0x7f.1``
  or ``017700000001`` are read the way ``inet_aton`` reads them) and refused
  if ANY address is loopback, private, link-local, multicast, reserved,
  unspecified, shared (CGNAT), site-local or otherwise not public, including
  such addresses inside IPv4-mapped, 6to4, Teredo or NAT64 IPv6 forms;
* the connection goes to the address that was checked (no second lookup, so
  DNS rebinding cannot swap it), while the Host header and TLS SNI/certificate
  check use the original name;
* one deadline covers the whole chain (DNS, connect, headers, body) and a
  byte cap bounds the body.

Transport sits behind a small backend chosen by ``MASTHEAD_WIRE_FETCH``
(``{"BACKEND": dotted path, "OPTIONS": {...}}``), as the rules of the house
ask; ``SafeFetcher`` is the default and the only one shipped; its OPTIONS are
``allowed_ports`` (default: any) and ``allowed_networks`` (CIDRs trusted on
purpose, default none).
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "Masthead wire fetcher (+https://github.com/masthead)"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchError(Exception):
    """The URL was refused, or fetching it failed; the message says which."""


@dataclass
class FetchResponse:
    url: str  # the final URL, after redirects
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""


class Fetcher(Protocol):
    def fetch(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        timeout: float = DEFAULT_TIMEOUT,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        allow_private: bool = False,
    ) -> FetchResponse: ...


# --- public helpers --------------------------------------------------------


def get_fetcher() -> Fetcher:
    conf = getattr(settings, "MASTHEAD_WIRE_FETCH", None) or {}
    backend = conf.get("BACKEND", "masthead.wire.channels.fetch.SafeFetcher")
    return import_string(backend)(**conf.get("OPTIONS", {}))


def allow_private_default() -> bool:
    """Only tests turn this on: they fetch from a server on 127.0.0.1."""
    return bool(getattr(settings, "MASTHEAD_WIRE_FETCH_ALLOW_PRIVATE", False))


def fetch(
    url: str,
    *,
    headers: dict[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    allow_private: bool | None = None,
) -> FetchResponse:
    """GET `url` following safe redirects; any final status is returned."""
    if allow_private is None:
        allow_private = allow_private_default()
    return get_fetcher().fetch(
        url,
        headers=headers,
        max_bytes=max_bytes,
        timeout=timeout,
        max_redirects=max_redirects,
        allow_private=allow_private,
    )


def fetch_url(
    url: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    allow_private: bool | None = None,
) -> bytes:
    """The body of a 2xx answer, or FetchError."""
    response = fetch(
        url,
        max_bytes=max_bytes,
        timeout=timeout,
        max_redirects=max_redirects,
        allow_private=allow_private,
    )
    if not 200 <= response.status < 300:
        raise FetchError(f"{response.url}: HTTP {response.status}")
    return response.body


# --- address rules ---------------------------------------------------------

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NUMERIC_PART = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$", re.IGNORECASE)


def refusal_reason(ip: IPAddress) -> str | None:
    """Why this address may not be fetched from ("a loopback address"), or None."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner, how = _embedded_ipv4(ip)
        if inner is not None:
            reason = refusal_reason(inner)
            if reason:
                return f"{how} {reason.removeprefix('a ').removeprefix('an ')}"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return "a shared (CGNAT) address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:
        return "a site-local address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "a non-public address"
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address):
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped, "an IPv4-mapped"
    if ip.sixtofour is not None:
        return ip.sixtofour, "a 6to4"
    if ip.teredo is not None:
        return ip.teredo[1], "a Teredo"
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "a NAT64"
    return None, ""


def numeric_host(host: str) -> IPAddress | None:
    """The address a numeric host names, read as browsers and inet_aton do.

    ``2130706433``, ``0x7f.1``, ``017700000001`` and ``127.1`` are all
    127.0.0.1; a resolver would quietly agree, so they are read here first.
    Returns None for a name that is not numeric.
    """
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError as exc:
            raise FetchError(f"refused: {host!r} is not a valid IPv6 address") from exc
    parts = host.removesuffix(".").split(".")
    if not 1 <= len(parts) <= 4 or not all(_NUMERIC_PART.match(p) for p in parts):
        return None
    numbers = []
    for part in parts:
        if part[:2].lower() == "0x":
            numbers.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            try:
                numbers.append(int(part, 8))
            except ValueError as exc:
                raise FetchError(f"refused: {host!r} is not a valid address") from exc
        else:
            numbers.append(int(part))
    *head, last = numbers
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        raise FetchError(f"refused: {host!r} is not a valid address")
    value = last
    for index, n in enumerate(head):
        value += n << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


# --- the default backend ---------------------------------------------------


@dataclass
class _Target:
    url: str
    scheme: str
    host: str
    port: int
    path: str
    addresses: list[IPAddress]


class SafeFetcher:
    """http.client, pinned to the checked address, with a deadline and a cap."""

    def __init__(
        self,
        *,
        allowed_ports: list[int] | None = None,
        allowed_networks: list[str] | None = None,
        user_agent: str = USER_AGENT,
        ssl_context: ssl.SSLContext | None = None,
    ):
        self.allowed_ports = set(allowed_ports) if allowed_ports else None
        # Internal networks a deployment trusts on purpose (an agency gateway
        # on a private line, say); everything else non-public stays refused.
        self.allowed_networks = [
            ipaddress.ip_network(net) for net in allowed_networks or ()
        ]
        self.user_agent = user_agent
        self.ssl_context = ssl_context

    def fetch(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        timeout: float = DEFAULT_TIMEOUT,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        allow_private: bool = False,
    ) -> FetchResponse:
        deadline = time.monotonic() + timeout
        for _hop in range(max_redirects + 1):
            target = self.vet(url, deadline=deadline, allow_private=allow_private)
            response = self._get(
                target, headers or {}, deadline=deadline, timeout=timeout,
                max_bytes=max_bytes,
            )  # fmt: skip
            if response.status not in REDIRECT_STATUSES:
                return response
            location = response.headers.get("location", "").strip()
            if not location:
                raise FetchError(f"{url}: HTTP {response.status} without a Location")
            url = urljoin(url, location)
        raise FetchError(f"refused: more than {max_redirects} redirects")

    # Each hop: the URL's form, then every address its host resolves to.
    def vet(self, url: str, *, deadline: float, allow_private: bool) -> _Target:
        try:
            parts = urlsplit(url.strip())
            port = parts.port
        except ValueError as exc:
            raise FetchError(f"refused: {url!r} is not a valid URL ({exc})") from exc
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"refused: only http and https URLs ({scheme or 'none'})")
        if parts.username is not None or parts.password is not None:
            raise FetchError("refused: credentials in the URL")
        host = (parts.hostname or "").strip()
        if not host:
            raise FetchError(f"refused: {url!r} has no host")
        port = port or (443 if scheme == "https" else 80)
        if self.allowed_ports is not None and port not in self.allowed_ports:
            raise FetchError(f"refused: port {port} is not allowed")
        literal = numeric_host(host)
        if literal is not None:
            addresses = [literal]
        else:
            addresses = _resolve(host, port, deadline)
        if not allow_private:
            for ip in addresses:
                if any(ip in net for net in self.allowed_networks):
                    continue
                reason = refusal_reason(ip)
                if reason:
                    raise FetchError(f"refused: {ip} is {reason}")
        path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
        if parts.query:
            path += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
        return _Target(url, scheme, host, port, path, addresses)

    def _get(
        self,
        target: _Target,
        headers: dict[str, str],
        *,
        deadline: float,
        timeout: float,
        max_bytes: int,
    ) -> FetchResponse:
        aborted = threading.Event()
        holder: dict[str, http.client.HTTPConnection] = {}

        def abort():
            # The deadline passed: whatever is blocking (a slow header, a drip-fed
            # body, a TLS handshake) ends when its socket is shut.
            aborted.set()
            conn = holder.get("conn")
            if conn is not None and conn.sock is not None:
                try:
                    conn.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"timed out after {timeout:g} s")
        timer = threading.Timer(remaining, abort)
        timer.daemon = True
        timer.start()
        try:
            conn = self._connect(target, deadline, holder)
            send = {"User-Agent": self.user_agent, "Accept": "*/*", **headers}
            conn.request("GET", target.path, headers=send)
            resp = conn.getresponse()
            response_headers = {k.lower(): v for k, v in resp.getheaders()}
            body = b""
            if resp.status not in REDIRECT_STATUSES and resp.status not in (204, 304):
                body = _read_capped(resp, conn, deadline, max_bytes, aborted)
            if aborted.is_set():
                raise TimeoutError
            return FetchResponse(target.url, resp.status, response_headers, body)
        except FetchError:
            raise
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if aborted.is_set() or time.monotonic() >= deadline:
                raise FetchError(
                    f"{target.url}: timed out after {timeout:g} s"
                ) from exc
            raise FetchError(f"{target.url}: {exc.__class__.__name__}: {exc}") from exc
        finally:
            timer.cancel()
            conn = holder.get("conn")
            if conn is not None:
                conn.close()

    def _connect(self, target: _Target, deadline: float, holder: dict):
        last_error: OSError | None = None
        for ip in target.addresses:
            remaining = max(0.001, deadline - time.monotonic())
            if target.scheme == "https":
                context = self.ssl_context or ssl.create_default_context()
                conn = _PinnedHTTPSConnection(
                    target.host,
                    target.port,
                    str(ip),
                    timeout=remaining,
                    context=context,
                )
            else:
                conn = _PinnedHTTPConnection(
                    target.host, target.port, str(ip), timeout=remaining
                )
            holder["conn"] = conn
            try:
                conn.connect()
                return conn
            except OSError as exc:
                conn.close()
                last_error = exc
                if time.monotonic() >= deadline:
                    break
        raise last_error or OSError(f"cannot connect to {target.host}")


def _read_capped(resp, conn, deadline, max_bytes, aborted) -> bytes:
    length = resp.getheader("content-length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise FetchError(
            f"refused: response is {int(length)} bytes, over the {max_bytes}-byte cap"
        )
    chunks: list[bytes] = []
    total = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or aborted.is_set():
            raise TimeoutError
        if conn.sock is not None:
            conn.sock.settimeout(remaining)
        chunk = resp.read1(65536)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise FetchError(f"refused: response is over the {max_bytes}-byte cap")
        chunks.append(chunk)
    return b"".join(chunks)


def _resolve(host: str, port: int, deadline: float) -> list[IPAddress]:
    """getaddrinfo has no timeout of its own; run it in a thread and stop waiting."""
    box: dict = {}

    def run():
        try:
            box["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True, name="wire-fetch-dns")
    thread.start()
    thread.join(max(0.0, deadline - time.monotonic()))
    if thread.is_alive():
        raise FetchError(f"{host}: timed out resolving the name")
    if "error" in box:
        raise FetchError(f"{host}: cannot resolve ({box['error']})")
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in box["infos"]:
        ip = ipaddress.ip_address(sockaddr[0])
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise FetchError(f"{host}: resolves to no address")
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to a given address; Host header still names the host."""

    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As above, with SNI and the certificate checked against the host name."""

    def __init__(self, host, port, address, *, context, **kwargs):
        super().__init__(host, port, context=context, **kwargs)
        self._address = address
        self._pinned_context = context

    def connect(self):
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = raw  # so the deadline can shut it during the handshake
        self.sock = self._pinned_context.wrap_socket(raw, server_hostname=self.host)
