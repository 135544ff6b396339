"""Slider views of the toy matrices (notebooks 01-04): each returns a plain `draw(value, ...)` that
redraws one prepared figure and gives back the figure and a text.

Every view computes what it needs once, builds its figure once, declares the artists its
`draw` updates (`set_moving_artists`, so a slider repaints only those), and gives back a `draw`
function whose calls only update them: a slider (`helpers.views.widgets.slider_demo`) answers in well
under 100 ms. The learner can call `draw` directly, e.g. `draw(2)`. The MovieLens views of
notebooks 05 and 07 are in `helpers.views.comparisons`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.colors import TwoSlopeNorm

from helpers.core.constraints import (
    Checked,
    Index,
    Integer,
    Matrix,
    Optional,
    RatingRange,
    Real,
    Strings,
    Vector,
    constrained,
)
from helpers.core.validation import (
    check_array,
    check_float,
    check_index,
    check_int,
    check_vector,
    describe,
)
from helpers.models.factorization import FactorModel, _check_model
from helpers.models.fold_in import fold_in_user
from helpers.models.svd import eckart_young_error, frobenius_error, reconstruct, truncated_svd
from helpers.views.maps import annotate_points
from helpers.views.plotting import (
    _freeze_layout,
    _update_values,
    new_figure,
    plot_loss_curve,
    plot_matrix,
    plot_spectrum,
)

__all__ = [
    "autoencoder_epochs_view",
    "explain_prediction",
    "fold_in_view",
    "rank_k_view",
    "train_vs_heldout_view",
]

LABELS = Optional(Strings(example="['user 1', 'user 2']"))  # plot_matrix checks that there is one per row/column


def _check_snapshots(snapshots):
    """`snapshots` if it looks like what train_with_snapshots returns."""
    if not all(hasattr(snapshots, name) for name in ("epochs", "loss", "reconstructions", "at")):
        raise TypeError(f"snapshots must be what train_with_snapshots returns, got {describe(snapshots)}")
    return snapshots


def _check_als_model(model) -> FactorModel:
    """`model` if it is a FactorModel (fold_in_view draws its factors)."""
    if not isinstance(model, FactorModel):
        raise TypeError(f"model must be a FactorModel from fit_als, got {describe(model)}")
    return model


def _pair_required(rating_range) -> tuple:
    """A checked `rating_range` (see RatingRange) that may not be None: the views scale their colours by it."""
    if rating_range is None:
        raise TypeError("rating_range must be a pair (low, high) such as (1, 5), got None")
    return rating_range


def _rating_norm(lowest: float, highest: float) -> TwoSlopeNorm:
    """Colours for ratings and reconstructions: white at 0, blue up to `highest`, red down to `lowest`
    (at least a tenth of `highest` below 0), so that the 0..5 ratings use the whole blue half and a
    negative prediction shows red."""
    highest = max(float(highest), 1e-9)
    return TwoSlopeNorm(vmin=min(float(lowest), -0.1 * highest), vcenter=0.0, vmax=highest)


def _rounded(values: np.ndarray, decimals: int) -> np.ndarray:
    """`values` rounded, with no "-0.": the sign of a residual of 1e-16 is rounding noise that differs by machine."""
    return np.round(values, decimals) + 0.0


def _set_values(ax, image, values, decimals: int = 1) -> None:
    """Show `values` on a heatmap drawn by plot_matrix, its written numbers too (when it has them)."""
    image.set_data(values)
    if ax.texts:
        _update_values(list(ax.texts), image, values, decimals)


@constrained(matrix=Matrix(), row_labels=LABELS, col_labels=LABELS)
def rank_k_view(matrix, *, row_labels=None, col_labels=None):
    """Return draw(k) -> (figure, text): the best rank-k approximation of `matrix`, its error, the spectrum.

    The SVD and the figure are made once; draw(k) only updates them, so a slider answers fast.
    Both heatmaps keep one colour scale for every k (so colours compare across k); the error map
    writes its values (up to plot_matrix's ANNOTATE_LIMIT cells; numbers are slow to redraw, so the
    reconstruction is colour only) and the text gives R_k and R - R_k in full.

    Introduced in notebook 01.
    """
    values = matrix
    U, s, Vt = truncated_svd(values, min(values.shape))
    approximations = [reconstruct(U, s, Vt, k) for k in range(1, s.size + 1)]
    high = float(np.abs(values).max()) or 1.0
    lowest = min(float(a.min()) for a in approximations)
    worst = max(float(np.abs(values - a).max()) for a in approximations) or 1.0
    figure, (ax_rec, ax_diff, ax_spec) = new_figure(3, width=3.6, height=3.0)
    labels = dict(row_labels=row_labels, col_labels=col_labels, colorbar=False)
    zeros = np.zeros_like(values)
    rec_image = plot_matrix(ax_rec, zeros, "", cmap="RdBu", annotate=False, **labels)
    # ratings in blue from white (0) up; a negative prediction red, on a scale fixed for every k
    rec_image.set_norm(_rating_norm(lowest, high))
    figure.colorbar(rec_image, ax=ax_rec, shrink=0.8, label="stars (red: below 0)")
    # the error on a symmetric scale wide enough for every k: red where R_k is too high, blue too low
    diff_image = plot_matrix(ax_diff, zeros, "", cmap="RdBu", vmin=-worst, vmax=worst, **labels)
    figure.colorbar(diff_image, ax=ax_diff, shrink=0.8, label="stars (red: R_k too high)")
    bars = plot_spectrum(ax_spec, s, 0)
    moving = [rec_image, diff_image, *ax_diff.texts, *bars]
    _freeze_layout(figure, moving, retitled=(ax_rec, ax_diff, ax_spec))

    def draw(k: int):
        k = check_int(k, "rank k", low=1, high=s.size)
        approximation = approximations[k - 1]
        _set_values(ax_rec, rec_image, approximation)
        _set_values(ax_diff, diff_image, values - approximation)
        ax_rec.set_title(f"rank-{k} reconstruction R_k")
        ax_diff.set_title(f"error R - R_k, rank {k}")
        for i, bar in enumerate(bars):
            bar.set_color("tab:blue" if i < k else "lightgray")
        ax_spec.set_title(f"singular values: {k} kept (blue)")
        text = (
            f"rank {k}:  ||R - R_k|| = {frobenius_error(values, approximation):.3f},  "
            f"norm of the dropped singular values = {eckart_young_error(s, k):.3f}\n"
            f"R_k =\n{_rounded(approximation, 2)}\n"
            f"R - R_k =\n{_rounded(values - approximation, 2)}"
        )
        return figure, text

    return draw


@constrained(
    matrix=Matrix(),
    snapshots=Checked(_check_snapshots, "TrainingSnapshots"),
    scale=Real(above=0.0),
    svd_rank=Integer(low=1, deferred=True),
    row_labels=LABELS,
    col_labels=LABELS,
)
def autoencoder_epochs_view(matrix, snapshots, *, scale: float, svd_rank: int, row_labels=None, col_labels=None):
    """Return draw(epoch) -> (figure, text) comparing the original, its rank-`svd_rank` SVD and the
    autoencoder's reconstruction (snapshot output x `scale`) after `epoch` epochs, with the loss curve.

    Training happened already: draw only picks a snapshot, so an epochs slider never retrains.
    The three heatmaps share one colour scale and one colour bar (in stars); the numbers are in the text.

    Introduced in notebook 02.
    """
    values = matrix
    if snapshots.reconstructions.shape[1:] != values.shape:
        raise ValueError(
            f"snapshots reconstruct a {snapshots.reconstructions.shape[1:]} matrix, but matrix has shape {values.shape}"
        )
    svd_rank = check_int(svd_rank, "svd_rank", low=1, high=min(values.shape))
    svd_approximation = reconstruct(*truncated_svd(values, svd_rank))
    high = max(float(np.abs(values).max()), float(np.max(snapshots.reconstructions)) * scale) or 1.0
    lowest = min(float(svd_approximation.min()), float(np.min(snapshots.reconstructions)) * scale)
    figure, axes = new_figure(4, width=3.2, height=3.0)
    # One scale for all three panels, as in notebook 01: white at 0, ratings blue, negative red.
    labels = dict(col_labels=col_labels, cmap="RdBu", colorbar=False, annotate=False)  # numbers: in the text
    images = [
        plot_matrix(axes[0], values, "original R", row_labels=row_labels, **labels),
        plot_matrix(
            axes[1], svd_approximation, f"SVD rank {svd_rank}: error {frobenius_error(values, svd_approximation):.2f}",
            **labels,
        ),
        plot_matrix(axes[2], np.zeros_like(values), "autoencoder", **labels),
    ]  # fmt: skip
    norm = _rating_norm(lowest, high)
    for ax, image, shown in zip(axes, images, (values, svd_approximation, values)):
        image.set_norm(norm)
        _set_values(ax, image, shown)  # the written numbers' colours follow the new scale
    ae_image = images[2]
    figure.colorbar(ae_image, ax=list(axes[:3]), shrink=0.8, label="stars", pad=0.02)
    for ax in axes[1:3]:
        ax.tick_params(labelleft=False)  # same users as the first panel; fewer labels draw faster
    marker = plot_loss_curve(axes[3], snapshots.epochs, snapshots.loss, marker=True)
    axes[3].set_title("training loss (red: this epoch)")
    _freeze_layout(figure, [ae_image, marker, axes[2].title])

    def draw(epoch: int):
        index = snapshots.at(epoch)
        reconstruction = snapshots.reconstructions[index] * scale
        error = frobenius_error(values, reconstruction)
        _set_values(axes[2], ae_image, reconstruction)
        axes[2].set_title(f"autoencoder, epoch {epoch}: error {error:.2f}")
        marker.set_data([epoch], [snapshots.loss[index]])
        text = (
            f"epoch {epoch}: loss {snapshots.loss[index]:.4f}, ||R - reconstruction|| = {error:.3f}\n"
            f"reconstruction =\n{_rounded(reconstruction, 1)}"
        )
        return figure, text

    return draw


@constrained(
    steps=Vector(what="step values (ranks or epochs)", deferred=True),  # checked in the body, kept as given
    train_error=Vector(what="errors"),
    heldout_error=Vector(what="errors"),
    rating_range=RatingRange(),
)
def train_vs_heldout_view(
    steps,
    train_error,
    heldout_error,
    predictions,
    *,
    step_name: str,
    rating_range: tuple[float, float],
    error_name: str = "RMSE",
):
    """Return draw(step) -> (figure, text): train and held-out error against `steps`, the chosen
    step marked, next to the predicted matrix at that step (`predictions[i]` belongs to `steps[i]`).

    Everything is computed beforehand, so a slider over the steps only redraws.

    Introduced in notebook 03.
    """
    check_vector(steps, "steps", what="step values (ranks or epochs)")
    steps = np.asarray(steps)  # as given, so integer steps print as integers
    predictions = check_array(predictions, "predictions", ndim=3, what="predicted matrices (one per step)")
    rating_range = _pair_required(rating_range)
    if not (steps.shape == train_error.shape == heldout_error.shape == predictions.shape[:1]):
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
    image = plot_matrix(ax_matrix, predictions[0], "", vmin=rating_range[0], vmax=rating_range[1], annotate=False)
    ax_matrix.set_xlabel("item")
    ax_matrix.set_ylabel("user")
    _freeze_layout(figure, [line, image], retitled=(ax_curve, ax_matrix))

    def draw(step):
        check_float(step, step_name)
        matches = np.flatnonzero(steps == step)
        if matches.size == 0:
            raise ValueError(f"{step_name} must be one of {steps[0]}..{steps[-1]} as computed, got {step}")
        i = int(matches[0])
        line.set_xdata([step, step])
        ax_curve.set_title(f"{step_name} {step}: train {train_error[i]:.2f}, held-out {heldout_error[i]:.2f}")
        image.set_data(predictions[i])
        ax_matrix.set_title(f"predicted ratings, {step_name} {step}")
        text = (
            f"{step_name} {step}: train {error_name} {train_error[i]:.3f}, held-out {error_name} {heldout_error[i]:.3f}"
        )
        return figure, text

    return draw


@constrained(
    model=Checked(_check_model),
    user_bias=Real(),
    user_factors=Vector(what="factors", allow_empty=True),
    item=Index(),
)
def explain_prediction(model: FactorModel, user_bias: float, user_factors, item: int) -> str:
    """One predicted rating written out as global mean + user bias + item bias + factor terms.

    Introduced in notebook 04.
    """
    if user_factors.size != model.k:
        raise ValueError(f"user_factors must have the model's {model.k} factors, got {user_factors.size}")
    return _explain(model, user_bias, user_factors, check_index(item, "item", model.n_items))


def _explain(model: FactorModel, user_bias: float, user_factors: np.ndarray, item: int) -> str:
    """explain_prediction's text for checked arguments (fold_in_view's draw calls it on every move)."""
    terms = user_factors * model.item_factors[item]
    factor_text = " + ".join(f"{t:+.2f}" for t in terms) if terms.size else "0"
    total = model.global_mean + user_bias + model.item_bias[item] + terms.sum()
    return (
        f"{model.global_mean:.2f} (mean) {user_bias:+.2f} (you) {model.item_bias[item]:+.2f} (item) "
        f"+ [{factor_text}] (factors) = {total:.2f}"
    )


@constrained(
    model=Checked(_check_als_model),
    item_names=Strings(example="['Star Pilots', 'Moon Base']"),
    rating_range=RatingRange(),
    top=Integer(low=1, deferred=True),
)
def fold_in_view(model: FactorModel, item_names: Sequence[str], *, rating_range=(1, 5), top: int = 3):
    """Return draw(*ratings) -> (figure, text) for a new user's ratings of every item (0 = not rated).

    The figure shows the item factors (first two), the user's folded-in factor vector as an
    arrow (its direction; shortened to fit when long), and the predicted rating of every item, a
    tick marking each rating given; the text lists the top unrated items, each prediction written
    out term by term.

    Introduced in notebook 04.
    """
    if len(item_names) != model.n_items:
        raise ValueError(f"item_names must name all {model.n_items} items, got {len(item_names)}")
    rating_range = _pair_required(rating_range)
    if model.k < 2:
        raise ValueError(f"fold_in_view draws the first two factors; the model has k={model.k}")
    top = check_int(top, "top", low=1, high=model.n_items)
    names = list(item_names)
    figure, (ax_map, ax_bars) = new_figure(2, width=4.4, height=3.4)
    q = model.item_factors[:, :2]
    ax_map.scatter(q[:, 0], q[:, 1], color="tab:blue")
    reach = np.abs(q).max() * 1.3
    annotate_points(ax_map, q, dict(enumerate(names)), fontsize=7, min_gap=0.08)
    ax_map.axhline(0, color="lightgray", zorder=0)
    ax_map.axvline(0, color="lightgray", zorder=0)
    ax_map.set_xlabel("factor 1")
    ax_map.set_ylabel("factor 2")
    ax_map.set_title("item factors; arrow = direction of yours")
    ax_bars.set_title("predicted; grey = you rated it, | = your rating", fontsize=9)
    arrow = ax_map.annotate(
        "",
        xy=(0, 0),
        xytext=(0, 0),
        annotation_clip=False,
        arrowprops=dict(color="tab:red", width=2, alpha=0.6),
        zorder=4,  # over the labels but see-through, so neither hides the other
    )
    ax_map.set_xlim(-reach, reach)
    ax_map.set_ylim(-reach, reach)
    bars = ax_bars.barh(range(model.n_items), np.zeros(model.n_items), color="tab:blue")
    (given_marks,) = ax_bars.plot([], [], "|", color="black", ms=14, mew=2.5, zorder=3)  # the ratings given
    ax_bars.set_yticks(range(model.n_items), names, fontsize=8)
    ax_bars.invert_yaxis()
    ax_bars.set_xlim(0, rating_range[1] * 1.04)  # room for a tick at the top rating
    ax_bars.set_xlabel("predicted rating")
    _freeze_layout(figure, [arrow, given_marks, *bars])

    def draw(*ratings):
        given = check_vector(ratings, "ratings", what="ratings (0 = not rated)", allow_empty=True)
        if given.size != model.n_items:
            raise ValueError(f"give one rating per item ({model.n_items}), 0 for not rated; got {given.size}")
        items = np.flatnonzero(given != 0)
        fold = fold_in_user(model, items, given[items], rating_range=rating_range)  # solved once per move
        # the same predictions before clipping, to rank the items without ties at the top
        unclipped = model.global_mean + model.item_bias + fold.user_bias + model.item_factors @ fold.user_factors
        length = np.linalg.norm(fold.user_factors[:2])
        arrow.xy = tuple(fold.user_factors[:2] * min(1.0, 0.9 * reach / length) if length else (0.0, 0.0))
        for i, bar in enumerate(bars):
            bar.set_width(fold.predictions[i])
            bar.set_color("lightgray" if i in items else "tab:blue")
        given_marks.set_data(given[items], items)
        unrated = [i for i in np.argsort(-unclipped, kind="stable") if i not in items][:top]
        lines = [
            f"you rated {items.size} item(s); your factors p_u: {np.round(fold.user_factors, 2)}, "
            f"length {np.linalg.norm(fold.user_factors):.2f}"
            + (f" (the arrow is drawn {0.9 * reach:.2f} long)" if length > 0.9 * reach else ""),
            f"top {len(unrated)} recommendations:" if unrated else "you rated every item: nothing left to recommend",
        ]
        lines += [
            f"  {names[i]:16s} {fold.predictions[i]:.1f}  = {_explain(model, fold.user_bias, fold.user_factors, i)}"
            for i in unrated
        ]
        return figure, "\n".join(lines)

    return draw
