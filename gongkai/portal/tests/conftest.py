"""Each portal test starts with an empty cache: public pages are kept in a full-page cache
(core/pagecache) and the 找错 rate limit counts in the cache, while the database is rolled back
after every test — a page or a count left by one test must not leak into the next."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()
