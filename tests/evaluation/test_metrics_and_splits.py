import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers.data.splits import split_observed
from helpers.evaluation.metrics import mae, masked_mae, masked_rmse, rmse

# --- vector metrics ---------------------------------------------------------------------------


def test_rmse_and_mae_known_values():
    assert rmse([1, 2, 3], [1, 2, 5]) == pytest.approx(np.sqrt(4 / 3))
    assert mae([1, 2, 3], [1, 2, 5]) == pytest.approx(2 / 3)
    assert rmse([4.0], [4.0]) == 0.0


@pytest.mark.parametrize("metric", [rmse, mae])
@pytest.mark.parametrize(
    "y_true, y_pred, error, message",
    [
        ([1.0, 2.0], [1.0], ValueError, "same length, got 2 and 1"),
        ([], [], ValueError, "empty"),
        ([[1.0, 2.0]], [[1.0, 2.0]], ValueError, "1-D"),
        ([1.0, np.nan], [1.0, 2.0], ValueError, "y_true has 1 value.s. that are NaN"),
        ([1.0, 2.0], [np.inf, 2.0], ValueError, "y_pred has 1 value.s. that are NaN or inf"),
        ("12", [1.0, 2.0], TypeError, "y_true must be a 1-D array"),
        (None, [1.0], TypeError, "y_true must be a 1-D array"),
    ],
)
def test_vector_metrics_reject_bad_input(metric, y_true, y_pred, error, message):
    with pytest.raises(error, match=message):
        metric(y_true, y_pred)


# --- masked metrics ---------------------------------------------------------------------------


def test_masked_metrics_look_only_at_observed_cells():
    truth = np.array([[5.0, np.nan], [3.0, 1.0]])
    prediction = np.array([[4.0, 100.0], [3.0, np.nan]])
    mask = np.array([[True, False], [True, False]])
    assert masked_rmse(truth, prediction, mask) == pytest.approx(np.sqrt(0.5))
    assert masked_mae(truth, prediction, mask) == pytest.approx(0.5)


@pytest.mark.parametrize("metric", [masked_rmse, masked_mae])
@pytest.mark.parametrize(
    "truth, prediction, mask, error, message",
    [
        (np.ones((2, 2)), np.ones((2, 3)), np.ones((2, 2), bool), ValueError, r"shape of truth \(2, 2\), got \(2, 3\)"),
        (np.ones((2, 2)), np.ones((2, 2)), np.ones((2, 3), bool), ValueError, r"mask must have shape \(2, 2\)"),
        (np.ones((2, 2)), np.ones((2, 2)), np.ones((2, 2)), TypeError, "mask must be a boolean array"),
        (np.ones((2, 2)), np.ones((2, 2)), np.zeros((2, 2), bool), ValueError, "no True cell"),
        (np.array([[np.nan, 1.0]]), np.ones((1, 2)), np.ones((1, 2), bool), ValueError, "truth has NaN in 1 observed"),
        (
            np.ones((1, 2)),
            np.array([[1.0, np.nan]]),
            np.ones((1, 2), bool),
            ValueError,
            "prediction has NaN in 1 observed",
        ),
        (np.ones(3), np.ones(3), np.ones(3, bool), ValueError, "2-D"),
        (np.ones((0, 2)), np.ones((0, 2)), np.ones((0, 2), bool), ValueError, "empty"),
    ],
)
def test_masked_metrics_reject_bad_input(metric, truth, prediction, mask, error, message):
    with pytest.raises(error, match=message):
        metric(truth, prediction, mask)


matrices_with_masks = st.tuples(st.integers(1, 6), st.integers(1, 6)).flatmap(
    lambda shape: st.tuples(
        arrays(float, shape, elements=st.floats(-5, 5)),
        arrays(float, shape, elements=st.floats(-5, 5)),
        arrays(bool, shape).filter(lambda mask: mask.any()),
        arrays(float, shape, elements=st.floats(allow_infinity=False)),  # may hold NaN
    )
)


@settings(max_examples=60, deadline=None)
@given(matrices_with_masks)
def test_property_masked_metrics_ignore_unobserved_cells(case):
    truth, prediction, mask, junk = case
    scrambled_truth = np.where(mask, truth, junk)
    scrambled_prediction = np.where(mask, prediction, junk[::-1, ::-1])
    for masked, plain in ((masked_rmse, rmse), (masked_mae, mae)):
        expected = plain(truth[mask], prediction[mask])
        assert masked(scrambled_truth, scrambled_prediction, mask) == pytest.approx(expected)


# --- split_observed ---------------------------------------------------------------------------


def _check_split(mask, train, test):
    assert train.dtype == bool and test.dtype == bool
    assert train.shape == test.shape == mask.shape
    assert not (train & test).any(), "train and test overlap"
    np.testing.assert_array_equal(train | test, mask)
    rated_rows = mask.any(axis=1)
    np.testing.assert_array_equal(train.any(axis=1), rated_rows)  # every rated user keeps a train rating


def test_split_is_disjoint_covers_the_mask_and_holds_out_about_the_fraction():
    mask = np.random.default_rng(0).random((40, 30)) < 0.5
    train, test = split_observed(mask, 0.2, seed=1)
    _check_split(mask, train, test)
    assert test.sum() == pytest.approx(0.2 * mask.sum(), abs=3)


def test_split_is_reproducible_with_a_seed_and_changes_with_it():
    mask = np.random.default_rng(0).random((10, 10)) < 0.5
    first = split_observed(mask, 0.3, seed=5)
    again = split_observed(mask, 0.3, seed=5)
    other = split_observed(mask, 0.3, seed=6)
    np.testing.assert_array_equal(first[1], again[1])
    assert (first[1] != other[1]).any()


def test_a_user_with_one_rating_keeps_it_in_train_and_an_empty_row_is_allowed():
    mask = np.array([[True, False, False], [False, False, False], [True, True, True]])
    for seed in range(20):
        train, test = split_observed(mask, 0.9, seed=seed)
        _check_split(mask, train, test)
        assert train[0, 0] and not test[0].any()
        assert not train[1].any() and not test[1].any()
        assert train[2].sum() == 1  # 0.9 of 4 ratings drawn: the third row keeps exactly one


@pytest.mark.parametrize(
    "mask, fraction, seed, error, message",
    [
        (np.ones((3, 3), bool), 0.0, 0, ValueError, "test_fraction must be strictly between 0 and 1"),
        (np.ones((3, 3), bool), 1.0, 0, ValueError, r"strictly between 0 and 1 .*got 1.0"),
        (np.ones((3, 3), bool), -0.2, 0, ValueError, "strictly between"),
        (np.ones((3, 3), bool), "0.2", 0, TypeError, "test_fraction must be a number"),
        (np.ones((3, 3), bool), float("nan"), 0, ValueError, "finite"),
        (np.ones((3, 3), bool), 0.2, 1.5, TypeError, "seed must be an integer"),
        (np.ones((3, 3), bool), 0.2, -1, ValueError, "seed must be between"),
        (np.ones((3, 3)), 0.2, 0, TypeError, "mask must be a boolean array"),
        (np.ones(3, bool), 0.2, 0, ValueError, "mask must be a 2-D"),
    ],
)
def test_split_rejects_bad_input(mask, fraction, seed, error, message):
    with pytest.raises(error, match=message):
        split_observed(mask, fraction, seed)


@settings(max_examples=60, deadline=None)
@given(
    mask=st.tuples(st.integers(1, 8), st.integers(1, 8)).flatmap(lambda shape: arrays(bool, shape)),
    fraction=st.floats(0.01, 0.99),
    seed=st.integers(0, 2**32 - 1),
)
def test_property_split_invariants(mask, fraction, seed):
    train, test = split_observed(mask, fraction, seed)
    _check_split(mask, train, test)
