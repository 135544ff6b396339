import time

import numpy as np
import pytest

from helpers import format_seconds, set_seed, stopwatch
from helpers.core.validation import check_float, check_int, check_mask, check_matrix, check_seed


def test_set_seed_makes_numpy_repeatable_and_returns_a_generator():
    rng = set_seed(7)
    first = (np.random.rand(), rng.random())
    rng = set_seed(7)
    assert (np.random.rand(), rng.random()) == first


@pytest.mark.parametrize("seed, error", [(-1, ValueError), (1.5, TypeError), ("0", TypeError), (True, TypeError)])
def test_set_seed_rejects_bad_seeds(seed, error):
    with pytest.raises(error, match="seed"):
        set_seed(seed)


def test_check_mask_wants_booleans_of_the_right_shape():
    with pytest.raises(TypeError, match="boolean"):
        check_mask(np.ones((2, 2)), (2, 2))
    with pytest.raises(ValueError, match=r"shape \(2, 3\)"):
        check_mask(np.ones((2, 2), bool), (2, 3))
    assert check_mask(np.ones((2, 2), bool), (2, 2)).all()


def test_check_matrix_allows_nan_only_when_asked():
    with pytest.raises(ValueError, match="NaN"):
        check_matrix([[np.nan]])
    assert np.isnan(check_matrix([[np.nan]], allow_nan=True)).all()
    with pytest.raises(ValueError, match="inf"):
        check_matrix([[np.inf]], allow_nan=True)


def test_check_number_ranges():
    assert check_int(3, "k", low=1, high=3) == 3
    with pytest.raises(ValueError, match="k must be between 1 and 3, got 4"):
        check_int(4, "k", low=1, high=3)
    with pytest.raises(ValueError, match="finite"):
        check_float(float("nan"), "lr")
    with pytest.raises(TypeError, match="number"):
        check_float("1", "lr")
    assert check_seed(0) == 0


def test_stopwatch_and_format_seconds():
    with stopwatch() as elapsed:
        time.sleep(0.05)
    assert 0.05 <= elapsed.seconds < 5 and str(elapsed) == format_seconds(elapsed.seconds)
    assert format_seconds(1.234) == "1.23 s"


# --- the problems the helper probe found, each now a clear error -----------------------------


def test_a_boolean_mask_is_not_read_as_indices():
    from helpers import similarity_scores

    with pytest.raises(TypeError, match=r"items must hold integer indices, got a boolean mask.*np.flatnonzero"):
        similarity_scores(np.eye(4), np.array([True, False, True, True]), [4.0, 5.0, 2.0, 1.0])


def test_a_bare_string_is_not_read_letter_by_letter():
    import pandas as pd

    from helpers import items_by_title, primary_genre

    items = pd.DataFrame({"item": [1], "title": ["Star Wars (1977)"], "genres": ["Action|Sci-Fi"]})
    with pytest.raises(TypeError, match=r"titles must be a list of strings.*pass \['Star Wars \(1977\)'\]"):
        items_by_title(items, "Star Wars (1977)")
    with pytest.raises(TypeError, match="priority must be a list of strings"):
        primary_genre(items, "Action")


def test_non_finite_results_raise_instead_of_returning_nan():
    import scipy.sparse as sp

    from helpers import fit_als, truncated_svd

    ratings, mask = np.full((4, 3), 1e308), np.ones((4, 3), bool)
    with pytest.raises(ValueError, match="came out NaN or inf.*rescale the ratings"):
        fit_als(ratings, mask, k=2, reg=0.1, n_iters=2, seed=0)
    with pytest.raises(ValueError, match="came out NaN or inf"):
        fit_als(np.full((4, 3), 3.0), mask, k=2, reg=0.1, n_iters=2, seed=0, init_scale=1e200)
    with pytest.raises(ValueError, match="all zeros"):
        truncated_svd(sp.csr_array((4, 3)), 1, solver="sparse")


def test_every_seed_takes_a_generator_and_none_is_refused():
    from helpers import fit_als, original_missing_ratings, split_observed, truncated_svd

    ratings, observed = original_missing_ratings()
    for call in (
        lambda seed: fit_als(ratings, observed, k=2, reg=0.1, n_iters=2, seed=seed),
        lambda seed: split_observed(observed, 0.3, seed=seed),
        lambda seed: truncated_svd(np.nan_to_num(ratings), 2, solver="sparse", seed=seed),
        lambda seed: set_seed(seed),
    ):
        call(np.random.default_rng(0))
        with pytest.raises(TypeError, match="seed must be an integer such as 0, or a numpy.random.Generator"):
            call(None)


def test_open_bounds_say_at_least_not_between_and_none():
    with pytest.raises(ValueError, match=r"^reg must be at least 0.0, got -1.0$"):
        check_float(-1.0, "reg", low=0.0)
    with pytest.raises(ValueError, match=r"^k must be at most 3, got 4$"):
        check_int(4, "k", high=3)


def test_plot_matrix_annotates_only_what_can_be_read():
    from helpers import new_figure, plot_matrix

    figure, (ax,) = new_figure()
    plot_matrix(ax, np.ones((200, 200)), "big")  # about 0.1 s: no 40,000 numbers written
    assert len(ax.texts) == 0
    with pytest.raises(ValueError, match="annotate=True would write 40,000 numbers"):
        plot_matrix(ax, np.ones((200, 200)), "big", annotate=True)


def test_every_seed_defaults_to_0_but_the_original_notebooks_42():
    import inspect

    import helpers

    defaults = {}
    for name in helpers.__all__:
        value = getattr(helpers, name)
        keras = ("build_autoencoder", "build_autorec", "fit_autorec", "train_with_snapshots")
        if name in keras or not inspect.isfunction(value):  # classes hold a seed; they draw nothing
            continue  # the Keras helpers default to 0 too; reading them here would start TensorFlow
        try:
            parameters = inspect.signature(value).parameters
        except (TypeError, ValueError):
            continue
        if "seed" in parameters:
            defaults[name] = parameters["seed"].default
    assert defaults.pop("original_missing_ratings") == 42
    assert {name: d for name, d in defaults.items() if d != 0} == {}


def test_a_dense_array_is_not_told_to_pass_a_mask_the_helper_does_not_have():
    from helpers import fit_ease, fit_weighted_als

    for call in (
        lambda: fit_ease(np.ones((3, 3)), reg=1.0),
        lambda: fit_weighted_als(np.ones((3, 3)), k=1, reg=0.1, w0=0.1, n_iters=1),
    ):
        with pytest.raises(TypeError, match="must be a SciPy sparse") as refused:
            call()
        assert "mask=" not in str(refused.value)
