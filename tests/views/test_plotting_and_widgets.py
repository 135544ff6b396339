import io
from types import SimpleNamespace

import ipywidgets as widgets
import numpy as np
import PIL.Image
import pytest
from matplotlib.figure import Figure

from helpers import (
    figure_png,
    new_figure,
    plot_matrix,
    plot_spectrum,
    rank_k_view,
    reconstruct,
    set_moving_artists,
    slider_demo,
    toy_ratings,
    truncated_svd,
)
from tests.support.factories import random_ratings


def test_plot_matrix_writes_every_value_and_labels_the_axes():
    figure, (ax,) = new_figure()
    plot_matrix(ax, [[1.0, 2.0], [3.0, np.nan]], "title", row_labels=["a", "b"], col_labels=["x", "y"])
    assert ax.get_title() == "title"
    assert [t.get_text() for t in ax.texts] == ["1.0", "2.0", "3.0", ""]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b"]


def test_plot_spectrum_highlights_the_kept_values():
    figure, (ax,) = new_figure()
    bars = plot_spectrum(ax, [3.0, 2.0, 1.0], 2)
    colours = [bar.get_facecolor() for bar in bars]
    assert colours[0] == colours[1] != colours[2]


def test_figure_png_is_a_png():
    figure, _ = new_figure()
    assert figure_png(figure)[:8] == b"\x89PNG\r\n\x1a\n"


def test_rank_k_view_reports_the_eckart_young_error():
    draw = rank_k_view(toy_ratings())
    figure, text = draw(2)
    assert isinstance(figure, Figure)
    assert "||R - R_k|| = 5.886" in text and "singular values = 5.886" in text


def test_rank_k_view_keeps_one_colour_scale_that_no_error_saturates_and_writes_the_errors():
    ratings = toy_ratings()
    draw = rank_k_view(ratings)
    largest = max(np.abs(ratings - reconstruct(*truncated_svd(ratings, k))).max() for k in range(1, 5))
    for k in (1, 2, 4):
        figure, text = draw(k)
        reconstruction, error = figure.axes[0].images[0], figure.axes[1].images[0]
        assert error.norm.vmin == -largest and error.norm.vmax == largest  # the same scale for every k
        assert reconstruction.norm.vmin < 0 < reconstruction.norm.vmax == np.abs(ratings).max()
        shown = np.round(ratings - reconstruct(*truncated_svd(ratings, k)), 1) + 0.0
        assert [t.get_text() for t in figure.axes[1].texts] == [f"{v:.1f}" for v in shown.ravel()]
        assert "R - R_k =" in text
    assert "stars" in figure.axes[3].get_ylabel()  # the first colour bar says its unit


def test_rank_k_view_rejects_a_rank_outside_the_matrix():
    draw = rank_k_view(toy_ratings())
    with pytest.raises(ValueError, match="between 1 and 4"):
        draw(5)


def test_slider_demo_redraws_on_every_move():
    seen = []
    slider = widgets.IntSlider(value=1, min=1, max=3)
    panel = slider_demo(lambda k: seen.append(k), slider)
    slider.value = 3
    slider.value = 2
    assert seen == [1, 3, 2]
    assert panel.children[0] is slider


def test_slider_demo_rejects_a_non_function_and_a_non_widget():
    with pytest.raises(TypeError, match="draw must be a function"):
        slider_demo("plot", widgets.IntSlider())
    with pytest.raises(TypeError, match="slider must be an ipywidgets value widget"):
        slider_demo(print, 3)


def test_slider_demo_shows_the_figure_and_the_text_and_updates_them():
    draw = rank_k_view(toy_ratings())
    slider = widgets.IntSlider(value=1, min=1, max=4, description="rank k")
    panel = slider_demo(draw, slider)
    _, image, text = panel.children
    first_image, first_text = image.value, text.value
    assert first_image[:4] == b"\x89PNG" and "rank 1" in first_text
    slider.value = 3
    assert image.value != first_image and "rank 3" in text.value


def test_slider_demo_shows_a_readable_message_for_a_bad_value():
    slider = widgets.IntSlider(value=1, min=0, max=9, description="rank k")
    panel = slider_demo(rank_k_view(toy_ratings()), slider)
    slider.value = 9
    assert "Cannot show rank k = 9" in panel.children[2].value
    assert "between 1 and 4" in panel.children[2].value


def test_movielens_exploration_plots_and_item_map():
    from helpers import plot_item_map, plot_long_tail, plot_rating_histogram

    figure, axes = new_figure(3)
    plot_rating_histogram(axes[0], [1, 2, 2, 5])
    assert [bar.get_height() for bar in axes[0].patches] == [1, 2, 1]
    plot_long_tail(axes[1], [3, 10, 0])
    assert list(axes[1].lines[0].get_ydata()) == [10, 3, 0.8]
    plot_item_map(axes[2], np.zeros((3, 2)), ["a", "b", "a"], {1: "film"})
    assert [t.get_text() for t in axes[2].texts] == ["film"]


def test_train_vs_heldout_view_picks_the_step_and_validates():
    from helpers import train_vs_heldout_view

    draw = train_vs_heldout_view(
        [1, 2], [0.5, 0.2], [0.9, 1.0], np.zeros((2, 3, 3)), step_name="rank", rating_range=(1, 5)
    )
    _, text = draw(2)
    assert text == "rank 2: train RMSE 0.200, held-out RMSE 1.000"
    with pytest.raises(ValueError, match="rank must be one of 1..2"):
        draw(3)
    with pytest.raises(ValueError, match="one entry per step"):
        train_vs_heldout_view([1], [0.5, 0.2], [0.9], np.zeros((1, 2, 2)), step_name="rank", rating_range=(1, 5))


def test_fold_in_view_solves_the_fold_in_once_per_move(monkeypatch):
    import helpers.views.sliders as sliders
    from helpers import fit_als

    dense, observed = random_ratings((10, 10), fraction=0.6, seed=0)
    draw = sliders.fold_in_view(fit_als(dense, observed, k=2, reg=0.1, n_iters=3, seed=0), list("abcdefghij"))
    calls, solve = [], sliders.fold_in_user

    def counted(*args, **kwargs):
        calls.append(args)
        return solve(*args, **kwargs)

    monkeypatch.setattr(sliders, "fold_in_user", counted)
    for ratings in [(0,) * 10, (5, 0, 1) + (0,) * 7, (5,) * 10]:
        _, text = draw(*ratings)
    assert len(calls) == 3
    assert text.endswith("you rated every item: nothing left to recommend")


def test_slider_demo_with_several_sliders_passes_every_value():
    seen = []
    a, b = widgets.IntSlider(value=1), widgets.IntSlider(value=2)
    slider_demo(lambda x, y: seen.append((x, y)), a, b)
    b.value = 5
    assert seen == [(1, 2), (1, 5)]


@pytest.mark.slow
def test_autoencoder_epochs_view_picks_the_snapshot_and_plot_loss_curve_marks_it():
    from helpers import autoencoder_epochs_view, plot_loss_curve
    from helpers.models.neural import TrainingSnapshots

    ratings = toy_ratings()
    reconstructions = np.stack([np.zeros_like(ratings), ratings / 5])
    snapshots = TrainingSnapshots(
        epochs=np.array([0, 10]),
        loss=np.array([0.5, 0.0]),
        reconstructions=reconstructions,
        codes=np.zeros((2, 5, 3)),
        weights=[[], []],
    )
    draw = autoencoder_epochs_view(ratings, snapshots, scale=5, svd_rank=3)
    _, text = draw(10)
    assert text.startswith("epoch 10: loss 0.0000, ||R - reconstruction|| = 0.000")
    with pytest.raises(ValueError, match="no snapshot after 5 epochs"):
        draw(5)
    figure, (ax,) = new_figure()
    marker = plot_loss_curve(ax, [1, 2, 3], [1.0, 0.5, 0.25], marker=True)
    assert ax.get_yscale() == "log" and list(marker.get_xdata()) == [1]
    figure, (ax,) = new_figure()
    assert plot_loss_curve(ax, [1, 2, 3], [1.0, 0.5, 0.25]) is None and len(ax.lines) == 1  # no stray dot
    with pytest.raises(TypeError, match="marker must be True"):
        plot_loss_curve(ax, [1, 2, 3], [1.0, 0.5, 0.25], marker="yes")


def test_slider_demo_shows_any_error_in_one_line_and_hides_the_stale_figure():
    def draw(k):
        if k == 3:
            raise RuntimeError("the learner code broke")
        if k == 4:
            return object()  # not a figure nor text: shown as its text, no image
        return rank_k_view(toy_ratings())(k)

    slider = widgets.IntSlider(value=1, min=1, max=4, description="rank k")
    panel = slider_demo(draw, slider)
    assert panel.image.layout.display is None and panel.image.value[:4] == b"\x89PNG"
    slider.value = 3
    assert panel.image.layout.display == "none"
    assert "Cannot show rank k = 3: RuntimeError: the learner code broke" in panel.text.value
    assert "Traceback" not in panel.text.value
    slider.value = 2
    assert panel.image.layout.display is None and "rank 2" in panel.text.value


# --- blitting: a slider repaints only what moves, and must look like a full draw -----------------


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def _full_draw(figure) -> np.ndarray:
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba())[..., :3].astype(int)


def _views():
    """Every figure slider view (helpers.views.sliders and .comparisons) with a few positions each
    (autoencoder snapshots faked)."""
    from helpers import autoencoder_epochs_view, fit_als, fold_in_view, tradeoff_view, train_vs_heldout_view

    rng = np.random.default_rng(0)
    ratings = toy_ratings()
    snapshots = SimpleNamespace(
        epochs=np.arange(1, 51), loss=np.exp(-np.arange(50) / 20), at=lambda epoch: int(epoch) - 1
    )
    snapshots.reconstructions = rng.random((50, *ratings.shape))
    dense, observed = random_ratings((10, 10), fraction=0.6, seed=0)
    model = fit_als(dense, observed, k=2, reg=0.1, n_iters=3, seed=0)
    steps = np.arange(1, 11)
    w0s = (0.0, 0.01, 0.1, 0.3, 1.0)
    return {
        "rank_k_view": (rank_k_view(ratings), [(1,), (3,), (4,)]),
        "autoencoder_epochs_view": (
            autoencoder_epochs_view(ratings, snapshots, scale=5.0, svd_rank=2),
            [(1,), (25,), (50,)],
        ),
        "train_vs_heldout_view": (
            train_vs_heldout_view(
                steps, 1 / steps, 1 / steps + 0.3, 1 + 4 * rng.random((10, 6, 6)),
                step_name="epoch", rating_range=(1, 5),
            ),
            [(1,), (6,), (10,)],
        ),
        "fold_in_view": (fold_in_view(model, [f"item {j}" for j in range(10)]), [(0,) * 10, (5, 0, 1) + (0,) * 7]),
        "tradeoff_view": (
            tradeoff_view(
                w0s, [1.0, 1.2, 1.7, 2.2, 2.6], [0.06, 0.3, 0.45, 0.47, 0.47], value_name="w0",
                first_name="RMSE", second_name="NDCG@10", chosen=0.3,
            ),
            [(0.0,), (0.3,), (1.0,)],
        ),
    }  # fmt: skip


VIEWS = _views()


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_a_slider_frame_matches_a_full_draw_of_the_same_figure(name):
    draw, positions = VIEWS[name]
    frames = []
    for position in positions * 2:  # there and back: a stale part would show on the way back
        figure, _ = draw(*position)
        fast = _pixels(figure_png(figure))
        full = _full_draw(figure)
        assert fast.shape == full.shape
        differs = np.abs(fast - full).max(axis=-1) > 8  # anti-aliased edges drawn twice may differ a little
        assert differs.mean() < 1e-3, f"{name}{position}: {differs.mean():.3%} of the pixels differ from a full draw"
        frames.append(fast)
    assert any(not np.array_equal(frames[0], frame) for frame in frames[1:]), "moving the slider changed nothing"


def test_set_moving_artists_leaves_the_figure_complete_when_displayed():
    figure, (ax,) = new_figure()
    (line,) = ax.plot([0, 1], [0, 1], color="red")
    set_moving_artists(figure, [line])
    figure_png(figure)  # saves the picture of everything but the line
    assert not line.get_animated()  # so a notebook's display of the figure still draws the line
    red = (_full_draw(figure) == [255, 0, 0]).all(axis=-1)
    assert red.any()


def test_a_figure_change_that_was_not_declared_would_show_stale():
    # What the test above guards against: set_moving_artists trusts the view's list.
    figure, (ax,) = new_figure()
    (line,) = ax.plot([0, 1], [0, 1])
    set_moving_artists(figure, [line])
    figure_png(figure)
    ax.set_title("a new title, not declared")
    assert not np.array_equal(_pixels(figure_png(figure)), _full_draw(figure))


@pytest.mark.parametrize(
    "returned, words",
    [
        (
            lambda: [new_figure()[0], new_figure()[0]],
            "draw returned a list of length 2; it should return a matplotlib Figure",
        ),
        (lambda: new_figure()[1][0], "(for an Axes, return ax.figure)"),
        (lambda: b"png bytes", "draw returned the string b'png bytes'"),
        (lambda: {"k": 1}, "draw returned a dict"),
        (lambda: (new_figure()[0], new_figure()[0]), "draw returned 2 figures; return one"),
    ],
)
def test_slider_demo_says_what_draw_should_return(returned, words):
    import html

    panel = slider_demo(lambda k: returned(), widgets.IntSlider(value=1, min=0, max=2))
    assert words in html.unescape(panel.text.value) and panel.image.layout.display == "none"
