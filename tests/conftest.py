import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache (flood marks, cached pages)."""
    cache.clear()
    yield
    cache.clear()
