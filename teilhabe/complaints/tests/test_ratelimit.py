"""Rate limits of the public complaint pages: counted per client behind reverse proxies,
and shared between worker processes through the database cache."""

from __future__ import annotations

import datetime
import time

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, override_settings

from teilhabe.complaints import ratelimit

DB_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "teilhabe_cache_test",
    }
}


def request(remote: str = "10.0.0.1", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


@override_settings(TEILHABE_TRUSTED_PROXIES=0)
def test_without_proxies_the_connection_counts_and_the_header_is_ignored():
    assert ratelimit.client_address(request("192.0.2.7", "203.0.113.9")) == "192.0.2.7"


@override_settings(TEILHABE_TRUSTED_PROXIES=1)
def test_behind_one_proxy_the_address_it_saw_counts():
    # A client cannot escape its limit by sending its own X-Forwarded-For entries.
    forged = request("10.0.0.1", "198.51.100.1, 203.0.113.9")
    assert ratelimit.client_address(forged) == "203.0.113.9"
    assert ratelimit.client_address(request("10.0.0.1", "")) == "10.0.0.1"


@override_settings(TEILHABE_TRUSTED_PROXIES=1)
def test_clients_behind_the_proxy_have_their_own_limits(monkeypatch):
    monkeypatch.setattr(ratelimit, "_now", lambda: 1_800_000_000.0)
    limit = ratelimit.Limit("test.proxy", limit=2, window=60)
    first = ratelimit.client_key(request("10.0.0.1", "203.0.113.1"))
    second = ratelimit.client_key(request("10.0.0.1", "198.51.100.2"))
    assert first != second and "203.0.113" not in first
    limit.hit(first)
    limit.hit(first)
    assert limit.wait(first) > 0 and limit.wait(second) == 0


@pytest.mark.django_db(transaction=True)
@override_settings(CACHES=DB_CACHE)
def test_counts_live_in_the_database_cache_that_all_workers_share(monkeypatch):
    call_command("createcachetable", verbosity=0)
    caches["default"].clear()
    monkeypatch.setattr(ratelimit, "_now", lambda: 1_800_000_000.0)
    limit = ratelimit.Limit("test.shared", limit=3, window=600)
    key = ratelimit.hashed("203.0.113.5")
    for _ in range(3):
        limit.hit(key)
    # Another process reads the same table: a fresh cache handler sees the count.
    assert caches.create_connection("default").get(limit._cache_key(key, 1_800_000_000.0)) == 3
    assert 0 < limit.wait(key) <= 600


def test_a_network_counts_as_one_client():
    """Counting networks, not addresses: a counter's key does not lead back to one."""
    assert ratelimit.network("203.0.113.77") == "203.0.113.0/24"
    assert ratelimit.network("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64"
    same = {ratelimit.client_key(request(f"203.0.113.{n}")) for n in (1, 77, 254)}
    assert len(same) == 1


@pytest.mark.django_db(transaction=True)
@override_settings(CACHES=DB_CACHE)
def test_a_counter_expires_with_its_window_not_after_the_hit():
    """The stored expiry is the window's end, so it does not tell when the hit (a
    complaint) happened within the window."""
    call_command("createcachetable", verbosity=0)
    caches["default"].clear()
    limit = ratelimit.Limit("test.expiry", limit=3, window=600)
    now = time.time()
    limit.hit("k")
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM teilhabe_cache_test")
        [(expires,)] = cursor.fetchall()
    if isinstance(expires, str):
        expires = datetime.datetime.fromisoformat(expires)
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=datetime.UTC)
    window_end = (now // 600 + 1) * 600
    assert abs(expires.timestamp() - window_end) <= 2
