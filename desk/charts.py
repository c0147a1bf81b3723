"""A stacked bar chart as numbers for an SVG template: drawn on the server,
with no script, no inline style and nothing fetched from elsewhere."""

import math
from dataclasses import dataclass

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 10, 26
LABEL_EVERY = 5


@dataclass(frozen=True)
class Segment:
    name: str
    count: int
    fill: str
    y: float
    height: float


@dataclass(frozen=True)
class Bar:
    label: object
    x: float
    width: float
    segments: list
    labelled: bool

    @property
    def middle(self):
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class Chart:
    bars: list
    ticks: list
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    baseline: int = HEIGHT - BOTTOM
    label_y: int = HEIGHT - 8


def nice_step(top, ticks=4):
    """A round step (1, 2, 5, 10, 20, 50…) that reaches `top` in `ticks` steps."""
    magnitude = 1
    while True:
        for base in (1, 2, 5):
            if base * magnitude * ticks >= top:
                return base * magnitude
        magnitude *= 10


def stacked_bars(columns, series):
    """Bars for [(label, {key: count})], stacked in the order of `series`,
    a list of (key, name, fill)."""
    top = max((sum(counts.values()) for _label, counts in columns), default=0)
    step = nice_step(max(top, 1))
    scale = step * math.ceil(max(top, 1) / step)
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(columns), 1)
    bars = []
    for index, (label, counts) in enumerate(columns):
        floor = HEIGHT - BOTTOM
        segments = []
        for key, name, fill in series:
            count = counts.get(key, 0)
            height = count / scale * plot_height
            floor -= height
            segments.append(
                Segment(name, count, fill, round(floor, 1), round(height, 1))
            )
        bars.append(
            Bar(
                label=label,
                x=round(LEFT + index * slot + slot * 0.15, 1),
                width=round(slot * 0.7, 1),
                segments=segments,
                labelled=(len(columns) - 1 - index) % LABEL_EVERY == 0,
            )
        )
    ticks = [
        Tick(value, round(HEIGHT - BOTTOM - value / scale * plot_height, 1))
        for value in range(0, scale + 1, step)
    ]
    return Chart(bars=bars, ticks=ticks)
