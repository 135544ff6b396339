"""Static matplotlib figures the notebooks share: heatmaps, spectra, loss curves, MovieLens plots
(maps of labelled 2-D points are in maps.py).

Figures are made without pyplot (`new_figure`), so a notebook shows each one exactly where it
is displayed; `figure_png` renders one fast for the sliders of `helpers.views`.
"""

from __future__ import annotations

import io
import weakref
from collections.abc import Sequence

import numpy as np
import PIL.Image
from matplotlib import colormaps
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.core.constraints import (
    Checked,
    Integer,
    Matrix,
    Optional,
    Real,
    Strings,
    Vector,
    constrained,
)
from helpers.core.validation import check_int, check_same_length, describe

__all__ = [
    "figure_png",
    "new_figure",
    "plot_long_tail",
    "plot_loss_curve",
    "plot_matrix",
    "plot_rating_histogram",
    "plot_spectrum",
    "set_moving_artists",
]

_MOVING: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # figure -> what set_moving_artists declared


ANNOTATE_LIMIT = 400  # cells: writing more numbers than this on a heatmap is slow and unreadable


def _check_axes(ax):
    """`ax` if it is a matplotlib Axes (from new_figure)."""
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, e.g. from `figure, (ax,) = new_figure()`, got {describe(ax)}")
    return ax


def _check_figure(figure):
    """`figure` if it is a matplotlib Figure (from new_figure)."""
    if not isinstance(figure, Figure):
        raise TypeError(f"figure must be a matplotlib Figure, e.g. from new_figure(), got {describe(figure)}")
    return figure


def _check_cmap(cmap):
    """`cmap` if it names a matplotlib colormap."""
    if not isinstance(cmap, str):
        raise TypeError(f"cmap must name a matplotlib colormap such as 'viridis', got {describe(cmap)}")
    if cmap not in colormaps:
        raise ValueError(f"cmap must name a matplotlib colormap such as 'viridis' or 'RdBu', got {describe(cmap)}")
    return cmap


def _check_annotate(annotate):
    """`annotate` if it is True or False (None, automatic, is let through by Optional)."""
    if not isinstance(annotate, bool):
        raise TypeError(f"annotate must be True, False or None (automatic), got {describe(annotate)}")
    return annotate


AXES = Checked(_check_axes, "an Axes")
LABELS = Optional(Strings(example="['user 1', 'user 2']"))  # one per row or column: the body checks how many


def _check_labels(labels, name: str, size: int):
    """`labels` (checked by LABELS: None or a list of strings) as `size` labels."""
    if labels is None:
        return None
    if len(labels) != size:
        raise ValueError(
            f"{name} must have one label per {'row' if 'row' in name else 'column'} ({size}), got {len(labels)}"
        )
    return labels


@constrained(
    ncols=Integer(low=1, high=12), nrows=Integer(low=1, high=12), width=Real(above=0.0), height=Real(above=0.0)
)
def new_figure(ncols: int = 1, *, width: float = 4.0, height: float = 3.2, nrows: int = 1):
    """A pyplot-free Figure with a grid of axes: it is shown where it is displayed, never twice.

    Introduced in notebook 01.
    """
    figure = Figure(figsize=(width * ncols, height * nrows), layout="constrained", dpi=80)
    FigureCanvasAgg(figure)
    axes = figure.subplots(nrows, ncols, squeeze=False)
    return figure, axes.ravel()


@constrained(
    ax=AXES,
    matrix=Matrix(allow_nan=True),
    row_labels=LABELS,
    col_labels=LABELS,
    vmin=Optional(Real()),
    vmax=Optional(Real()),
    cmap=Checked(_check_cmap, "a colormap's name"),
    decimals=Integer(low=0, high=6),
    annotate=Optional(Checked(_check_annotate, "True, False or None")),
)
def plot_matrix(
    ax,
    matrix,
    title: str,
    *,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    vmin: float | None = None,
    vmax: float | None = None,
    cmap: str = "viridis",
    decimals: int = 1,
    colorbar: bool = True,
    annotate: bool | None = None,
):
    """Draw `matrix` on `ax` as a heatmap with its values written in the cells; return the image.

    annotate=None (the default) writes the values only when the matrix has at most
    ANNOTATE_LIMIT cells; True always (refused above that: thousands of numbers are slow to draw
    and cannot be read), False never. Ticks number every row and column (from 1) up to 15 of
    them; beyond that matplotlib picks a few, still counted from 1.

    Introduced in notebook 01.
    """
    values = matrix
    row_labels = _check_labels(row_labels, "row_labels", values.shape[0])
    col_labels = _check_labels(col_labels, "col_labels", values.shape[1])
    if vmin is not None and vmax is not None and vmin > vmax:
        raise ValueError(f"vmin must not be above vmax, got vmin={vmin} and vmax={vmax}")
    if annotate is None:
        annotate = values.size <= ANNOTATE_LIMIT
    elif annotate and values.size > ANNOTATE_LIMIT:
        raise ValueError(
            f"annotate=True would write {values.size:,} numbers on a {values.shape[0]}x{values.shape[1]} heatmap, "
            f"more than {ANNOTATE_LIMIT} cannot be read; pass annotate=False, or plot a slice of the matrix"
        )
    image = ax.imshow(values, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    ax.set_title(str(title))
    for axis, size, labels in ((ax.xaxis, values.shape[1], col_labels), (ax.yaxis, values.shape[0], row_labels)):
        if labels is not None or size <= 15:
            axis.set_ticks(range(size), labels if labels is not None else range(1, size + 1))
        else:
            axis.set_ticks(*_sparse_ticks(size))
    if annotate:
        _update_values(_write_values(ax, values), image, values, decimals)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, shrink=0.8)
    return image


@constrained(ax=AXES, s=Vector(what="singular values"), k=Integer(low=0, deferred=True))
def plot_spectrum(ax, s, k: int, *, title: str = "singular values"):
    """Bar chart of singular values `s` with the first `k` (the ones kept) highlighted.

    Introduced in notebook 01.
    """
    k = check_int(k, "k", low=0, high=s.size)
    colours = ["tab:blue" if i < k else "lightgray" for i in range(s.size)]
    bars = ax.bar(np.arange(1, s.size + 1), s, color=colours)
    ax.set_xticks(np.arange(1, s.size + 1))
    ax.set_xlabel("factor")
    ax.set_ylabel("singular value")
    ax.set_title(title)
    return bars


@constrained(figure=Checked(_check_figure, "a Figure"))
def set_moving_artists(figure: Figure, artists) -> None:
    """Declare that from now on only `artists` of `figure` change: `figure_png` then repaints just those.

    This is matplotlib's blitting. The first render saves a picture of everything else (axes, tick
    labels, colour bars: most of the drawing time); later renders paste it back and draw only the
    moving artists, with the spines and legend of their axes redrawn over them as in a full draw.
    Displaying the figure in a notebook still draws all of it. A view that changes anything else
    after this call would show a stale picture of it, so each view declares all it updates.

    Introduced in notebook 01.
    """
    if isinstance(artists, (Artist, str)) or not isinstance(artists, Sequence):
        raise TypeError(f"artists must be a list of matplotlib artists, e.g. [line, ax.title], got {describe(artists)}")
    if not artists:
        raise ValueError("artists must name at least one artist that moves, got an empty list")
    for artist in artists:
        if not isinstance(artist, Artist):
            raise TypeError(f"artists must hold matplotlib artists only, got {describe(artist)} among them")
        if artist.get_figure(root=True) is not figure:
            raise ValueError(f"artists must all belong to figure, got {describe(artist)} from another figure")
    overlays = {}  # drawn again over the moving artists, as a full draw puts them above
    for ax in {artist.axes for artist in artists if artist.axes is not None}:
        overlays.update(dict.fromkeys([*ax.spines.values(), *([ax.legend_] if ax.legend_ else [])]))
    moving = list(dict.fromkeys([*artists, *overlays]))
    _MOVING[figure] = dict(artists=sorted(moving, key=lambda a: a.get_zorder()), background=None, size=None)


def _freeze_layout(figure: Figure, moving, *, retitled=()) -> None:
    """What every slider view does once its figure is built: lay it out once, then freeze it.

    The axes in `retitled` get a placeholder title first, so that the one-off layout leaves room
    for the titles `draw` writes; after it the layout engine is off, so no update changes a size.
    `moving` and the titles of `retitled` are declared the only artists that change (blitting).
    """
    for ax in retitled:
        ax.set_title("placeholder")
    figure.canvas.draw()
    figure.set_layout_engine("none")
    set_moving_artists(figure, [*moving, *(ax.title for ax in retitled)])


def _blit(figure: Figure, canvas: FigureCanvasAgg) -> None:
    state = _MOVING[figure]
    size = (canvas.get_width_height(), figure.dpi)
    if state["background"] is None or state["size"] != size:
        for artist in state["artists"]:
            artist.set_animated(True)  # left out of the saved picture
        try:
            canvas.draw()
        finally:
            for artist in state["artists"]:
                artist.set_animated(False)
        state["background"], state["size"] = canvas.copy_from_bbox(figure.bbox), size
    else:
        canvas.restore_region(state["background"])
    renderer = canvas.get_renderer()
    for artist in state["artists"]:
        if artist.get_visible():
            artist.draw(renderer)


@constrained(figure=Checked(_check_figure, "a Figure"))
def figure_png(figure: Figure) -> bytes:
    """Render `figure` to PNG bytes: one draw, no tight-bbox pass, fast compression (for sliders).

    A figure given to `set_moving_artists` is repainted only where it moves (blitting).

    Introduced in notebook 01.
    """
    canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    if figure in _MOVING:
        _blit(figure, canvas)
    else:
        canvas.draw()
    buffer = io.BytesIO()
    PIL.Image.fromarray(np.asarray(canvas.buffer_rgba())).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def _write_values(ax, values, decimals: int = 1):
    """Write each cell's value on a heatmap; return the Text artists so they can be updated."""
    return [ax.text(j, i, "", ha="center", va="center", fontsize=9) for (i, j), _ in np.ndenumerate(values)]


def _update_values(texts, image, values, decimals: int = 1):
    colours = image.cmap(image.norm(values.ravel()))
    luminance = colours[:, :3] @ np.array([0.299, 0.587, 0.114])
    for text, value, light in zip(texts, values.ravel(), luminance > 0.5):
        text.set_text("" if np.isnan(value) else f"{round(value, decimals) + 0.0:.{decimals}f}")  # + 0.0: no "-0.0"
        text.set_color("black" if light else "white")


@constrained(ax=AXES, epochs=Vector(), loss=Vector(what="losses"))
def plot_loss_curve(ax, epochs, loss, *, title: str = "training loss", marker: bool = False):
    """Loss against epochs on a log scale.

    With marker=True it also draws a red dot at the first epoch and returns it, for a slider to
    move to the chosen epoch; otherwise (a plain curve) it returns None.

    Introduced in notebook 02.
    """
    check_same_length("epochs", epochs, "loss", loss)
    if not isinstance(marker, bool):
        raise TypeError(f"marker must be True (draw the chosen epoch's dot) or False, got {describe(marker)}")
    ax.semilogy(epochs, loss, color="tab:blue")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss (log scale)")
    ax.set_title(title)
    if not marker:
        return None
    (dot,) = ax.plot([epochs[0]], [loss[0]], "o", color="tab:red")
    return dot


@constrained(ax=AXES, ratings=Vector(what="ratings"))
def plot_rating_histogram(ax, ratings, *, title: str = "how often each rating is given"):
    """Bar chart of how many times each star value occurs in `ratings` (a 1-D array).

    Introduced in notebook 05.
    """
    values, counts = np.unique(ratings, return_counts=True)
    ax.bar(values, counts, color="tab:blue")
    ax.set_xticks(values)
    ax.set_xlabel("rating")
    ax.set_ylabel("number of ratings")
    ax.set_title(title)


@constrained(ax=AXES, counts=Vector(what="rating counts (one per item)"))
def plot_long_tail(ax, counts, *, title: str = "ratings per item, most rated first"):
    """Ratings per item sorted from most to least rated, on a log scale: the long tail.

    Introduced in notebook 05.
    """
    if (counts < 0).any():
        raise ValueError("counts must not be negative: each is a number of ratings")
    ordered = np.sort(counts)[::-1]
    ax.semilogy(np.arange(1, ordered.size + 1), np.maximum(ordered, 0.8), color="tab:blue")
    ax.set_xlabel("item rank by popularity")
    ax.set_ylabel("ratings (log scale)")
    ax.set_title(title)


def _sparse_ticks(size: int, most: int = 8) -> tuple[list[int], list[int]]:
    """Positions and labels of at most `most`+1 ticks along `size` rows or columns counted from 1:
    1, then every multiple of a round step (1, 10, 20, ... for 100 rows)."""
    step = next(
        step
        for step in (scale * base for scale in (1, 10, 100, 1000, 10**4) for base in (1, 2, 5))
        if size / step <= most or step == 10**5
    )
    numbers = [1, *range(step, size + 1, step)]
    return [number - 1 for number in numbers], numbers
