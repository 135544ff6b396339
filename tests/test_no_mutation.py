"""No helper changes the arrays it is given: a learner's data must look the same after a call."""

import numpy as np
import pytest
import scipy.sparse as sp

from helpers import (damped_item_means, fit_als, fit_baseline, fold_in_user, frobenius_error, item_map_2d,
                     item_popularity, masked_mae, masked_rmse, nearest_items, original_missing_ratings,
                     predict, predict_matrix, reconstruct, reveal_experiment, similarity_scores,
                     split_observed, top_n, truncated_svd)

RATINGS, OBSERVED = original_missing_ratings()
TRUTH = np.nan_to_num(RATINGS)


def _calls():
    model = fit_als(RATINGS, OBSERVED, k=2, reg=0.1, n_iters=3, seed=0)
    U, s, Vt = truncated_svd(TRUTH, 3)
    vectors = np.random.default_rng(0).normal(size=(6, 3))
    items, given = np.array([0, 3]), np.array([5.0, 2.0])
    return [
        ("truncated_svd", lambda a: truncated_svd(a[0], 3, solver="sparse"), [TRUTH]),
        ("truncated_svd (sparse input)", lambda a: truncated_svd(a[0], 3, solver="sparse"), [sp.csr_matrix(TRUTH)]),
        ("reconstruct", lambda a: reconstruct(*a), [U, s, Vt]),
        ("frobenius_error", lambda a: frobenius_error(*a), [TRUTH, TRUTH + 1]),
        ("split_observed", lambda a: split_observed(a[0], 0.3, seed=0), [OBSERVED]),
        ("masked_rmse", lambda a: masked_rmse(*a), [TRUTH, TRUTH + 1, OBSERVED]),
        ("masked_mae", lambda a: masked_mae(*a), [TRUTH, TRUTH + 1, OBSERVED]),
        ("fit_als", lambda a: fit_als(a[0], a[1], k=2, reg=0.1, n_iters=2, seed=0), [RATINGS, OBSERVED]),
        ("fit_baseline", lambda a: fit_baseline(a[0], a[1]), [RATINGS, OBSERVED]),
        ("predict", lambda a: predict(model, *a), [np.array([0, 1]), np.array([2, 3])]),
        ("fold_in_user", lambda a: fold_in_user(model, *a), [items, given]),
        ("item_popularity", lambda a: item_popularity(*a), [RATINGS, OBSERVED]),
        ("damped_item_means", lambda a: damped_item_means(*a, damping=2.0), [RATINGS, OBSERVED]),
        ("reveal_experiment", lambda a: reveal_experiment(a[0], a[1], [0, 1], [0, 1],
                                                          {"m": lambda i, r: np.zeros(10)}), [RATINGS, OBSERVED]),
        ("top_n", lambda a: top_n(a[0], 2, exclude=a[1]), [np.arange(5.0), np.array([1])]),
        ("nearest_items", lambda a: nearest_items(a[0], 0, 2), [vectors]),
        ("similarity_scores", lambda a: similarity_scores(*a), [vectors, items, given]),
        ("item_map_2d", lambda a: item_map_2d(a[0]), [vectors]),
        ("predict_matrix", lambda a: predict_matrix(model), []),
    ]


@pytest.mark.parametrize("name, call, arguments", _calls(), ids=lambda value: value if isinstance(value, str) else "")
def test_helper_leaves_its_inputs_unchanged(name, call, arguments):
    copies = [a.copy() for a in arguments]
    call(arguments)
    for before, after in zip(copies, arguments):
        if sp.issparse(before):
            assert (before != after).nnz == 0, f"{name} changed a sparse input"
        else:
            np.testing.assert_array_equal(before, after, err_msg=f"{name} changed its input")
