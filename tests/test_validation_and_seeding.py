import time

import numpy as np
import pytest

from helpers import format_seconds, set_seed, stopwatch
from helpers.validation import check_float, check_int, check_mask, check_matrix, check_seed


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
