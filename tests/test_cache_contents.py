"""No cached value holds a person's row or a credential (issue 16): after the main pages are visited
by every role, every value in the cache is unpickled and searched for password hashes, session keys
and email addresses. The pages are those the benchmark visits (bench.targets)."""

import pickle

import pytest
from django.core.cache import cache
from django.test import Client

from bench.seed import seed
from bench.sizes import Sizes
from bench.targets import ROLE_PAGES, bench_targets
from people.models import User

pytestmark = pytest.mark.django_db


def _cached_values() -> list[bytes]:
    """Every value in the test's memory cache (tests/conftest.py), as the bytes it is kept as."""
    return [value if isinstance(value, bytes) else pickle.dumps(value) for value in cache._cache.values()]


def test_the_cache_holds_no_person_nor_credential_after_the_main_pages():
    seed(Sizes(schools=1, scale=0), log=lambda _: None)
    targets = bench_targets(1)
    session_keys = []
    for role, pages in ROLE_PAGES.items():
        client = Client()
        client.force_login(User.objects.get(username=targets[role][0]))
        for page in pages:
            urls = targets["pages"][page]
            for url in urls if isinstance(urls, list) else [urls]:
                assert client.get(url).status_code == 200, url
        session_keys.append(client.session.session_key)
    values = _cached_values()
    assert values, "the school report keeps its page in the cache: nothing was looked at"
    secrets = [user.password for user in User.objects.all()] + session_keys
    secrets += [user.email for user in User.objects.exclude(email=None).exclude(email="")]
    for value in values:
        text = pickle.loads(value)
        dumped = repr(text) + value.decode("latin-1")
        assert "people.models" not in dumped and "\nUser\n" not in dumped, "a person's row is cached"
        for secret in secrets:
            assert secret not in dumped, "a credential or an email address is cached"
        assert "md5$" not in dumped and "pbkdf2_" not in dumped and "argon2" not in dumped
