"""Matplotlib figures the notebooks share: labelled heatmaps and singular value spectra."""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .validation import check_int, check_matrix


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


def rank_k_view(matrix, *, row_labels=None, col_labels=None):
    """Return draw(k) -> (figure, text): the best rank-k approximation of `matrix`, its error, the spectrum.

    The SVD and the figure are made once; draw(k) only updates them, so a slider answers fast.
    The figure is colour only (text is slow to render); the numbers come back as text.
    """
    from .svd import eckart_young_error, frobenius_error, reconstruct, truncated_svd

    values = check_matrix(matrix)
    U, s, Vt = truncated_svd(values, min(values.shape))
    high = float(np.abs(values).max()) or 1.0
    figure, (ax_rec, ax_diff, ax_spec) = new_figure(3, width=3.4, height=2.8)
    labels = dict(row_labels=row_labels, col_labels=col_labels, annotate=False)
    zeros = np.zeros_like(values)
    rec_image = plot_matrix(ax_rec, zeros, "", vmin=min(values.min(), 0.0), vmax=values.max(), **labels)
    diff_image = plot_matrix(ax_diff, zeros, "", cmap="RdBu", vmin=-high / 2, vmax=high / 2, **labels)
    bars = plot_spectrum(ax_spec, s, 0)
    for ax in (ax_rec, ax_diff, ax_spec):
        ax.set_title("placeholder")  # the one-off layout below leaves room for the titles
    figure.canvas.draw()  # fix the constrained layout once; updates below do not change sizes
    figure.set_layout_engine("none")

    def draw(k: int):
        k = check_int(k, "rank k", low=1, high=s.size)
        approximation = reconstruct(U, s, Vt, k)
        rec_image.set_data(approximation)
        diff_image.set_data(values - approximation)
        ax_rec.set_title(f"rank-{k} reconstruction R_k")
        ax_diff.set_title("error R - R_k")
        for i, bar in enumerate(bars):
            bar.set_color("tab:blue" if i < k else "lightgray")
        ax_spec.set_title(f"singular values: {k} kept (blue)")
        text = (
            f"rank {k}:  ||R - R_k|| = {frobenius_error(values, approximation):.3f},  "
            f"norm of the dropped singular values = {eckart_young_error(s, k):.3f}\n"
            f"R_k =\n{np.round(approximation, 2)}"
        )
        return figure, text

    return draw


def plot_loss_curve(ax, epochs, loss, *, title: str = "training loss"):
    """Loss against epochs on a log scale; return the marker that shows the chosen epoch."""
    ax.semilogy(epochs, loss, color="tab:blue")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss (log scale)")
    ax.set_title(title)
    (marker,) = ax.plot([epochs[0]], [loss[0]], "o", color="tab:red")
    return marker


def autoencoder_epochs_view(matrix, snapshots, *, scale: float, svd_rank: int, row_labels=None, col_labels=None):
    """Return draw(epoch) -> (figure, text) comparing the original, its rank-`svd_rank` SVD and the
    autoencoder's reconstruction (snapshot output x `scale`) after `epoch` epochs, with the loss curve.

    Training happened already: draw only picks a snapshot, so an epochs slider never retrains.
    """
    from .svd import frobenius_error, reconstruct, truncated_svd

    values = check_matrix(matrix)
    svd_approximation = reconstruct(*truncated_svd(values, svd_rank))
    low, high = min(values.min(), 0.0), values.max()
    figure, axes = new_figure(4, width=3.1, height=2.8)
    labels = dict(col_labels=col_labels, annotate=False, vmin=low, vmax=high)
    plot_matrix(axes[0], values, "original R", row_labels=row_labels, **labels)
    plot_matrix(axes[1], svd_approximation,
                f"SVD rank {svd_rank}: error {frobenius_error(values, svd_approximation):.2f}", colorbar=False, **labels)
    ae_image = plot_matrix(axes[2], values, "autoencoder", colorbar=False, **labels)
    for ax in axes[1:3]:
        ax.tick_params(labelleft=False)  # same users as the first panel; fewer labels draw faster
    marker = plot_loss_curve(axes[3], snapshots.epochs, snapshots.loss)
    figure.canvas.draw()
    figure.set_layout_engine("none")

    def draw(epoch: int):
        index = snapshots.at(epoch)
        reconstruction = snapshots.reconstructions[index] * scale
        error = frobenius_error(values, reconstruction)
        ae_image.set_data(reconstruction)
        axes[2].set_title(f"autoencoder, epoch {epoch}: error {error:.2f}")
        marker.set_data([epoch], [snapshots.loss[index]])
        text = (f"epoch {epoch}: loss {snapshots.loss[index]:.4f}, ||R - reconstruction|| = {error:.3f}\n"
                f"reconstruction =\n{np.round(reconstruction, 1)}")
        return figure, text

    return draw


def train_vs_heldout_view(steps, train_error, heldout_error, predictions, *, step_name: str,
                          rating_range: tuple[float, float], error_name: str = "RMSE"):
    """Return draw(step) -> (figure, text): train and held-out error against `steps`, the chosen
    step marked, next to the predicted matrix at that step (`predictions[i]` belongs to `steps[i]`).

    Everything is computed beforehand, so a slider over the steps only redraws.
    """
    steps = np.asarray(steps)
    train_error, heldout_error = np.asarray(train_error, float), np.asarray(heldout_error, float)
    predictions = np.asarray(predictions, float)
    if not (steps.ndim == 1 and steps.shape == train_error.shape == heldout_error.shape == predictions.shape[:1]):
        raise ValueError(
            f"steps, train_error, heldout_error and predictions must have one entry per step; got "
            f"{steps.shape}, {train_error.shape}, {heldout_error.shape} and {predictions.shape[:1]}"
        )
    figure, (ax_curve, ax_matrix) = new_figure(2, width=4.2, height=3.0)
    ax_curve.plot(steps, train_error, "o-" if steps.size < 30 else "-", label="train", markersize=3)
    ax_curve.plot(steps, heldout_error, "o-" if steps.size < 30 else "-", label="held-out", markersize=3)
    ax_curve.set_xlabel(step_name)
    ax_curve.set_ylabel(error_name)
    ax_curve.legend()
    line = ax_curve.axvline(steps[0], color="gray", linestyle="--")
    ax_curve.set_title("placeholder")  # the one-off layout below leaves room for the titles
    image = plot_matrix(ax_matrix, predictions[0], "placeholder", vmin=rating_range[0], vmax=rating_range[1],
                        annotate=False)
    ax_matrix.set_xlabel("item")
    ax_matrix.set_ylabel("user")
    figure.canvas.draw()
    figure.set_layout_engine("none")

    def draw(step):
        matches = np.flatnonzero(steps == step)
        if matches.size == 0:
            raise ValueError(f"{step_name} must be one of {steps[0]}..{steps[-1]} as computed, got {step}")
        i = int(matches[0])
        line.set_xdata([step, step])
        ax_curve.set_title(f"{step_name} {step}: train {train_error[i]:.2f}, held-out {heldout_error[i]:.2f}")
        image.set_data(predictions[i])
        ax_matrix.set_title(f"predicted ratings, {step_name} {step}")
        text = (f"{step_name} {step}: train {error_name} {train_error[i]:.3f}, "
                f"held-out {error_name} {heldout_error[i]:.3f}")
        return figure, text

    return draw


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
