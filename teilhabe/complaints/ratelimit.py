"""Rate limits for the public complaint pages, kept in Django's cache.

A client is counted by a keyed hash (HMAC with the secret key) of its network (/24 of
IPv4, /64 of IPv6), never the address itself; the counters hold nothing else, are not
linked to any complaint and expire with their window (not a window after the hit, so
the expiry does not date a complaint either). Fixed windows: a window's first hit
creates its counter with `cache.add`, later hits `cache.incr` it; the wait hint is the
rest of the current window.
In the database cache (the default, shared by all worker processes) `incr` reads and
writes in two steps, so two hits of one client at the same instant may count once: the
limit bends by a hit, it does not break.
"""

from __future__ import annotations

import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

KEY_SALT = "teilhabe.complaints.ratelimit"


def _now() -> float:
    """The clock the windows are counted by (tests hold it within one window)."""
    return time.time()


@dataclass(frozen=True)
class Limit:
    """At most `limit` hits per `window` seconds for one key of this `scope`."""

    scope: str
    limit: int
    window: int

    def _cache_key(self, key: str, now: float) -> str:
        return f"ratelimit:{self.scope}:{key}:{int(now // self.window)}"

    def wait(self, key: str) -> int:
        """Seconds until `key` may try again; 0 while it is under the limit."""
        now = _now()
        if (cache.get(self._cache_key(key, now)) or 0) < self.limit:
            return 0
        return max(1, math.ceil(self.window - now % self.window))

    def hit(self, key: str) -> None:
        """Count one hit of `key` in the current window."""
        now = _now()
        cache_key = self._cache_key(key, now)
        # The counter ends with its window, not a window after the hit: its expiry must
        # not tell when a complaint was sent.
        timeout = max(1, math.ceil(self.window - now % self.window))
        if cache.add(cache_key, 1, timeout=timeout):  # the window's first hit
            return
        try:
            cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=timeout)


def hashed(value: str) -> str:
    """A keyed hash of `value` (a client address, a reference) for the counters' keys."""
    return salted_hmac(KEY_SALT, value, algorithm="sha256").hexdigest()[:32]


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind `TEILHABE_TRUSTED_PROXIES` reverse
    proxies the address the outermost of them saw (each proxy appends to
    X-Forwarded-For, so entries further left are the client's own claims)."""
    proxies = settings.TEILHABE_TRUSTED_PROXIES
    if proxies <= 0:
        return request.META.get("REMOTE_ADDR", "")
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    return hops[-proxies] if len(hops) >= proxies else request.META.get("REMOTE_ADDR", "")


def network(address: str) -> str:
    """The client's network (/24 of IPv4, /64 of IPv6): what is counted, so not even the
    key of a counter leads back to one address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def client_key(request: HttpRequest) -> str:
    """The hashed network of the client; the address itself is not kept or logged."""
    return hashed(network(client_address(request)))
