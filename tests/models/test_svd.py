import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers import (
    eckart_young_error,
    frobenius_error,
    original_missing_ratings,
    predict_svd,
    principal_angles,
    reconstruct,
    singular_values,
    toy_ratings,
    truncated_svd,
)


def test_singular_values_sorted_largest_first_for_both_solvers():
    for solver in ("dense", "sparse"):
        _, s, _ = truncated_svd(toy_ratings(), 3, solver=solver)
        assert np.all(np.diff(s) <= 0)


def test_dense_and_sparse_solvers_agree_once_sorted_and_signed():
    rng = np.random.default_rng(1)
    matrix = rng.integers(0, 6, size=(10, 8)).astype(float)
    dense = truncated_svd(matrix, 4, solver="dense")
    sparse = truncated_svd(matrix, 4, solver="sparse")
    for a, b in zip(dense, sparse):
        np.testing.assert_allclose(a, b, atol=1e-8)


def test_sparse_solver_accepts_scipy_sparse_input():
    matrix = toy_ratings()
    _, s_dense, _ = truncated_svd(matrix, 2)
    _, s_sparse, _ = truncated_svd(sp.csr_matrix(matrix), 2, solver="sparse")
    np.testing.assert_allclose(s_dense, s_sparse)


def test_sparse_solver_is_reproducible_with_a_seed():
    matrix = np.random.default_rng(42).integers(1, 11, size=(10, 10)).astype(float)
    first = truncated_svd(matrix, 5, solver="sparse", seed=3)
    for _ in range(10):
        for a, b in zip(first, truncated_svd(matrix, 5, solver="sparse", seed=3)):
            np.testing.assert_array_equal(a, b)


def test_sign_convention_largest_entry_of_each_item_factor_is_positive():
    _, _, Vt = truncated_svd(toy_ratings(), 4)
    largest = Vt[np.arange(4), np.argmax(np.abs(Vt), axis=1)]
    assert np.all(largest > 0)


def test_full_rank_reconstruction_is_exact():
    matrix = toy_ratings()
    np.testing.assert_allclose(reconstruct(*truncated_svd(matrix, 4)), matrix, atol=1e-12)


def test_reconstruct_uses_only_the_first_k_factors():
    U, s, Vt = truncated_svd(toy_ratings(), 3)
    np.testing.assert_allclose(reconstruct(U, s, Vt, 1), s[0] * np.outer(U[:, 0], Vt[0]))


def test_eckart_young_error_known_values():
    assert eckart_young_error([4.0, 3.0], 0) == 5.0
    assert eckart_young_error([4.0, 3.0], 1) == 3.0
    assert eckart_young_error([4.0, 3.0], 2) == 0.0
    with pytest.raises(ValueError, match="sorted largest first"):
        eckart_young_error([3.0, 4.0], 1)  # svds' ascending order would drop the wrong value


@pytest.mark.parametrize(
    "matrix, k, solver, error, message",
    [
        (np.ones(4), 1, "dense", ValueError, "2-D"),
        (np.ones((2, 2, 2)), 1, "dense", ValueError, "2-D"),
        (np.ones((0, 3)), 1, "dense", ValueError, "empty"),
        (np.array([[1.0, np.nan], [0.0, 1.0]]), 1, "dense", ValueError, "NaN"),
        (np.array([[1.0, np.inf], [0.0, 1.0]]), 1, "dense", ValueError, "NaN or inf"),
        ("ratings", 1, "dense", TypeError, "2-D array of numbers"),
        (np.ones((5, 4)), 0, "dense", ValueError, "between 1 and 4"),
        (np.ones((5, 4)), 5, "dense", ValueError, "between 1 and 4"),
        (np.ones((5, 4)), 4, "sparse", ValueError, "between 1 and 3"),
        (np.ones((5, 4)), 2.0, "dense", TypeError, "integer"),
        (np.ones((5, 4)), 2, "lanczos", ValueError, "solver must be one of"),
        (sp.csr_matrix(np.ones((5, 4))), 2, "dense", ValueError, "solver='sparse'"),
    ],
)
def test_truncated_svd_rejects_bad_input_with_a_clear_message(matrix, k, solver, error, message):
    with pytest.raises(error, match=message):
        truncated_svd(matrix, k, solver=solver)


def test_reconstruct_rejects_factors_that_do_not_fit():
    U, s, Vt = truncated_svd(toy_ratings(), 3)
    with pytest.raises(ValueError, match="do not fit"):
        reconstruct(U, s[:2], Vt)
    with pytest.raises(ValueError, match="between 1 and 3"):
        reconstruct(U, s, Vt, 4)


def test_frobenius_error_rejects_shape_mismatch():
    with pytest.raises(ValueError, match="shape"):
        frobenius_error(np.ones((2, 2)), np.ones((2, 3)))


finite_matrices = st.tuples(st.integers(2, 8), st.integers(2, 8)).flatmap(
    lambda shape: arrays(float, shape, elements=st.floats(-10, 10, allow_nan=False, width=32))
)


@settings(max_examples=60, deadline=None)
@given(matrix=finite_matrices, data=st.data())
def test_property_error_of_rank_k_equals_norm_of_dropped_singular_values(matrix, data):
    k = data.draw(st.integers(1, min(matrix.shape)))
    U, s, Vt = truncated_svd(matrix, k)
    assert np.all(np.diff(s) <= 1e-12)
    all_s = singular_values(matrix)
    error = frobenius_error(matrix, reconstruct(U, s, Vt))
    assert error == pytest.approx(eckart_young_error(all_s, k), abs=1e-8 * (1 + all_s[0]))


def test_predict_svd_reads_the_reconstruction_at_the_pairs():
    U, s, Vt = truncated_svd(toy_ratings(), 2)
    users, items = np.array([0, 3, 4]), np.array([1, 0, 2])
    np.testing.assert_allclose(predict_svd(U, s, Vt, users, items), reconstruct(U, s, Vt)[users, items])
    with pytest.raises(ValueError, match="same length"):
        predict_svd(U, s, Vt, [0, 1], [0])
    with pytest.raises(ValueError, match="do not fit"):
        predict_svd(U, s[:1], Vt, [0], [0])


def test_principal_angles_zero_for_the_same_space_and_ninety_for_orthogonal_ones():
    basis = np.eye(4)[:, :2]
    np.testing.assert_allclose(principal_angles(basis, basis @ np.array([[2.0, 1.0], [0.0, 3.0]])), 0, atol=1e-6)
    np.testing.assert_allclose(principal_angles(basis, np.eye(4)[:, 2:]), 90)
    with pytest.raises(ValueError, match="same number of rows"):
        principal_angles(basis, np.eye(3))


def test_original_missing_ratings_reproduce_the_original_printout():
    ratings, observed = original_missing_ratings()
    assert ratings.shape == (10, 10) and observed.sum() == 50
    np.testing.assert_array_equal(np.nan_to_num(ratings)[0], [7, 4, 8, 5, 7, 10, 0, 0, 8, 0])
    assert np.isnan(ratings[~observed]).all()
