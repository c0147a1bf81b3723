import pytest
from django.core.cache import cache

from comments.caching import local_pages


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with empty caches (flood marks, cached pages)."""
    cache.clear()
    local_pages.clear()
    yield
    cache.clear()
    local_pages.clear()
