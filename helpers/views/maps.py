"""Maps of 2-D points with labels: item factors projected to a plane, a user's arrow among films.

Labels are nudged apart so none overlap; groups get Okabe and Ito's colour-blind-safe colours.
"""

from __future__ import annotations

import numpy as np

from helpers.core.constraints import Matrix, Optional, Real, Strings, constrained
from helpers.core.validation import check_index, describe
from helpers.views.plotting import AXES

__all__ = ["annotate_points", "plot_item_map"]


def _label_heights(points: np.ndarray, min_gap: float) -> np.ndarray:
    """Label heights for 2-D points: each point's own y, pushed apart until labels of nearby points
    (closer than 4 gaps in x) are at least `min_gap` apart."""
    heights = points[:, 1].copy()
    for _ in range(30):
        order, moved = np.argsort(heights), False
        for a, b in zip(order[:-1], order[1:]):
            if abs(points[a, 0] - points[b, 0]) < 4 * min_gap and heights[b] - heights[a] < min_gap:
                push = (min_gap - (heights[b] - heights[a])) / 2
                heights[a], heights[b] = heights[a] - push, heights[b] + push
                moved = True
        if not moved:
            break
    return heights


@constrained(ax=AXES, points=Matrix(), min_gap=Real(above=0.0))
def annotate_points(ax, points, labels: dict, *, fontsize: float = 8, min_gap: float = 0.045):
    """Write `labels` ({row of points: text}) beside 2-D `points`, nudging labels apart so none overlap;
    a thin line joins a label that had to move to its point. `min_gap` is the least vertical distance
    between nearby labels, as a fraction of the points' spread; a pale box keeps a label readable
    over lines drawn later.

    Introduced in notebook 07.
    """
    if points.shape[1] != 2:
        raise ValueError(f"points must have 2 columns (x, y), got shape {points.shape}")
    if not isinstance(labels, dict):
        raise TypeError(f"labels must be a dict {{row: text}}, got {describe(labels)}")
    rows = [check_index(row, "labels' keys", points.shape[0]) for row in labels]
    if not rows:
        return
    chosen = points[rows]
    span = max(np.ptp(points[:, 1]), np.ptp(points[:, 0]), 1e-9)
    for (x, y), height, text in zip(chosen, _label_heights(chosen, min_gap * span), labels.values()):
        moved = abs(height - y) > 0.01 * span
        ax.annotate(
            str(text),
            (x, y),
            xytext=(x + 0.015 * span, height),
            fontsize=fontsize,
            va="center",
            bbox=dict(boxstyle="square,pad=0.05", facecolor="white", alpha=0.7, linewidth=0),
            arrowprops=dict(arrowstyle="-", color="gray", lw=0.5) if moved else None,
        )


# Okabe and Ito's colour-blind-safe colours, each with its own marker shape.
_GROUP_STYLES = list(zip(["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#000000", "#56B4E9"], "os^DvXP"))


@constrained(
    ax=AXES, coordinates=Matrix(), groups=Strings(example="['Drama']"), order=Optional(Strings(example="['a']"))
)
def plot_item_map(ax, coordinates, groups, labels: dict, *, title: str = "item factors, 2-D projection", order=None):
    """Scatter items at `coordinates` coloured by `groups` (one name per item), writing `labels`
    ({item index: text}) next to chosen items. `order` lists every group name in the legend's
    order (default: as they first appear); given, its last group (a catch-all such as "other") is
    drawn small and grey. Each group has its own colour-blind-safe colour and marker.

    Introduced in notebook 05.
    """
    if coordinates.shape[1] != 2:
        raise ValueError(f"coordinates must have 2 columns (x, y), got shape {coordinates.shape}")
    groups = np.asarray(groups)
    if groups.size != coordinates.shape[0]:
        raise ValueError(f"groups must name one group per item ({coordinates.shape[0]}), got {groups.size}")
    names = list(dict.fromkeys(groups.tolist()))
    if order is not None:
        if sorted(set(order)) != sorted(names) or len(set(order)) != len(order):
            raise ValueError(f"order must list every group exactly once, got {list(order)}; the groups are {names}")
        names = list(order)
    for place, name in enumerate(names):
        back = order is not None and place == len(names) - 1 and place > 0  # the catch-all: grey, beneath
        colour, marker = ("#BBBBBB", ".") if back else _GROUP_STYLES[place % len(_GROUP_STYLES)]
        ax.scatter(
            *coordinates[groups == name].T, s=14, alpha=0.75, label=name, c=colour, marker=marker, zorder=2 - back
        )
    annotate_points(ax, coordinates, labels, fontsize=9)
    ax.legend(fontsize=8, markerscale=1.5)
    ax.set_xlabel("first direction (principal component 1)")
    ax.set_ylabel("second direction (principal component 2)")
    ax.set_title(title)
