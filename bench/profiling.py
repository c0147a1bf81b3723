"""Where the time of a request goes inside Django: cProfile, summed by stage."""

import cProfile
import pstats
import statistics
import time
from dataclasses import dataclass

# Stage label -> "path/of/module.py:function" (summed over every call).
WHOLE = {"the whole request inside Django": "django/core/handlers/base.py:get_response"}
ADMIN_LIST = "django/contrib/admin/templatetags/admin_list.py"

ARTICLE_STAGES = WHOLE | {
    "the article's SQL query": "django/views/generic/detail.py:get_object",
    "the thread's HTML from Redis": "comments/sections.py:rendered_thread",
    "rendering the page's templates": "django/template/response.py:rendered_content",
    "of which the form's fields (form templates)": "django/forms/renderers.py:render",
    "the CSRF token": "django/middleware/csrf.py:get_token",
    "the form's signed timestamp": "comments/forms.py:stamp",
}

QUEUE_STAGES = WHOLE | {
    "SQL": "django/db/backends/utils.py:_execute",
    "the status tabs and the article filter": f"{ADMIN_LIST}:admin_list_filter",
    "the 50 rows": f"{ADMIN_LIST}:result_list",
}


@dataclass(frozen=True)
class Breakdown:
    url: str
    plain_ms: float  # median without the profiler
    stages: list  # (label, ms per request under the profiler, share of the whole)


def breakdown(client, url, stages, count=50):
    """Time `count` GETs of `url` plainly, then again under cProfile, by stage."""
    for _ in range(3):
        client.get(url)
    times = []
    for _ in range(count):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(count):
        client.get(url)
    profile.disable()
    stats = pstats.Stats(profile).stats
    measured = {
        label: cumulative(stats, *where.split(":")) / count
        for label, where in stages.items()
    }
    whole = measured[next(iter(WHOLE))]
    return Breakdown(
        url=url,
        plain_ms=statistics.median(times),
        stages=[(label, ms, ms / whole) for label, ms in measured.items() if ms],
    )


def cumulative(stats, path, name):
    """Milliseconds spent in (and under) the functions `name` of `path`."""
    return 1000 * sum(
        entry[3]
        for (filename, _line, function), entry in stats.items()
        if function == name and filename.endswith(path)
    )
