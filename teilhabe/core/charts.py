"""Server-drawn bar charts: geometry for an inline SVG, no JavaScript, no inline styles.

The SVG carries a title and a description with every value, and the page shows the
same values as a table, which is the chart's text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str
    x: int
    y: int
    width: int
    height: int
    muted: bool

    @property
    def centre(self) -> int:
        return self.x + self.width // 2


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    baseline: int


def bar_chart(cells: Sequence[Any], *, slot: int = 50, plot_height: int = 180) -> BarChart:
    """Bars for cells with `label`, `count`, `shown` and `suppressed` (hidden counts draw flat)."""
    visible = [cell.count for cell in cells if not cell.suppressed]
    top = max(visible, default=0) or 1
    baseline = plot_height + 20
    bars = []
    for index, cell in enumerate(cells):
        height = 0 if cell.suppressed else round(cell.count / top * plot_height)
        bars.append(
            Bar(
                label=str(cell.label),
                shown=str(cell.shown),
                x=index * slot + 8,
                y=baseline - height,
                width=slot - 16,
                height=height,
                muted=bool(cell.suppressed),
            )
        )
    return BarChart(bars=bars, width=len(cells) * slot, height=baseline + 24, baseline=baseline)
