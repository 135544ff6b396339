"""Static matplotlib figures the notebooks share: heatmaps, spectra, loss curves, MovieLens plots.

Figures are made without pyplot (`new_figure`), so a notebook shows each one exactly where it
is displayed; `figure_png` renders one fast for the sliders of `helpers.views`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .validation import check_int, check_matrix

__all__ = [
    "figure_png",
    "new_figure",
    "plot_item_map",
    "plot_long_tail",
    "plot_loss_curve",
    "plot_matrix",
    "plot_rating_histogram",
    "plot_spectrum",
]


def new_figure(ncols: int = 1, *, width: float = 4.0, height: float = 3.2, nrows: int = 1):
    """A pyplot-free Figure with a grid of axes: it is shown where it is displayed, never twice."""
    figure = Figure(figsize=(width * ncols, height * nrows), layout="constrained", dpi=80)
    FigureCanvasAgg(figure)
    axes = figure.subplots(nrows, ncols, squeeze=False)
    return figure, axes.ravel()


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
    annotate: bool = True,
):
    """Draw `matrix` on `ax` as a heatmap with its values written in the cells; return the image."""
    values = check_matrix(matrix, allow_nan=True)
    image = ax.imshow(values, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    ax.set_title(title)
    ax.set_xticks(range(values.shape[1]), col_labels if col_labels is not None else range(1, values.shape[1] + 1))
    ax.set_yticks(range(values.shape[0]), row_labels if row_labels is not None else range(1, values.shape[0] + 1))
    if annotate:
        _update_values(_write_values(ax, values), image, values, decimals)
    if colorbar:
        ax.figure.colorbar(image, ax=ax, shrink=0.8)
    return image


def plot_spectrum(ax, s, k: int, *, title: str = "singular values"):
    """Bar chart of singular values `s` with the first `k` (the ones kept) highlighted."""
    s = np.asarray(s, dtype=float)
    k = check_int(k, "k", low=0, high=s.size)
    colours = ["tab:blue" if i < k else "lightgray" for i in range(s.size)]
    bars = ax.bar(np.arange(1, s.size + 1), s, color=colours)
    ax.set_xticks(np.arange(1, s.size + 1))
    ax.set_xlabel("component")
    ax.set_ylabel("singular value")
    ax.set_title(title)
    return bars


def figure_png(figure: Figure) -> bytes:
    """Render `figure` to PNG bytes: one draw, no tight-bbox pass, fast compression (for sliders)."""
    canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
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
        text.set_text("" if np.isnan(value) else f"{value:.{decimals}f}")
        text.set_color("black" if light else "white")


def plot_loss_curve(ax, epochs, loss, *, title: str = "training loss"):
    """Loss against epochs on a log scale; return the marker that shows the chosen epoch."""
    ax.semilogy(epochs, loss, color="tab:blue")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss (log scale)")
    ax.set_title(title)
    (marker,) = ax.plot([epochs[0]], [loss[0]], "o", color="tab:red")
    return marker


def plot_rating_histogram(ax, ratings, *, title: str = "how often each rating is given"):
    """Bar chart of how many times each star value occurs in `ratings` (a 1-D array)."""
    values, counts = np.unique(np.asarray(ratings), return_counts=True)
    ax.bar(values, counts, color="tab:blue")
    ax.set_xticks(values)
    ax.set_xlabel("rating")
    ax.set_ylabel("number of ratings")
    ax.set_title(title)


def plot_long_tail(ax, counts, *, title: str = "ratings per item, most rated first"):
    """Ratings per item sorted from most to least rated, on a log scale: the long tail."""
    ordered = np.sort(np.asarray(counts))[::-1]
    ax.semilogy(np.arange(1, ordered.size + 1), np.maximum(ordered, 0.8), color="tab:blue")
    ax.set_xlabel("item rank by popularity")
    ax.set_ylabel("ratings (log scale)")
    ax.set_title(title)


def plot_item_map(ax, coordinates, groups, labels: dict, *, title: str = "item factors, 2-D projection"):
    """Scatter items at `coordinates` coloured by `groups` (one name per item), writing `labels`
    ({item index: text}) next to chosen items."""
    coordinates = check_matrix(coordinates, "coordinates")
    groups = np.asarray(groups)
    for name in dict.fromkeys(groups):
        chosen = groups == name
        ax.scatter(*coordinates[chosen].T, s=8, alpha=0.6, label=name)
    for index, text in labels.items():
        ax.annotate(text, coordinates[index], fontsize=7, xytext=(3, 3), textcoords="offset points")
    ax.legend(fontsize=7, markerscale=2)
    ax.set_title(title)
