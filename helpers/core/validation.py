"""The one set of argument checks every public helper uses.

One convention: `TypeError` when an argument is the wrong kind of thing (a string for a list, a
float for an index, a list for a model), `ValueError` when it is the right kind with a wrong value
(a negative rank, NaN, an index past the end). Every message names the argument, says what it got
and what to pass. Each check returns the argument converted (a float array, an int, a CSR matrix),
so a helper validates and converts in one line and never reads an unchecked value.

Ratings follow one rule everywhere: **a rating is never 0**, because in this course 0 means
"not rated" (the original notebook's convention, and what AutoRec reads as missing). A SciPy
sparse matrix that stores a 0, or a dense array with 0 in a cell its mask marks observed, is
refused with a message saying how to hide a rating instead.
"""

from __future__ import annotations

import numbers

import numpy as np
import scipy.sparse as sp

from helpers.core.container_checks import (
    _one_dimensional,
    check_counts,
    check_frame,
    check_function_dict,
    check_instance,
    check_mapping,
    check_optional_callable,
    check_strings,
    check_text,
)
from helpers.core.scalar_checks import (
    as_generator,
    as_int_seed,
    check_callable,
    check_choice,
    check_flag,
    check_float,
    check_fraction,
    check_int,
    check_path,
    check_seed,
    describe,
)

__all__ = [
    "MAX_CELLS",
    "MAX_COPIES",
    "MAX_EPOCHS",
    "MAX_ID",
    "MAX_PARTITIONS",
    "MAX_SWEEPS",
    "MAX_UNITS",
    "as_array",
    "refuse_masked_array",
    "as_generator",
    "as_int_seed",
    "check_array",
    "check_callable",
    "check_choice",
    "check_counts",
    "check_finite_result",
    "check_flag",
    "check_float",
    "check_fraction",
    "check_frame",
    "check_held_out",
    "check_function_dict",
    "check_ids",
    "check_index",
    "check_indices",
    "check_instance",
    "check_int",
    "check_mapping",
    "check_mask",
    "check_new_ratings",
    "check_no_zero_ratings",
    "check_matrix",
    "check_optional_callable",
    "check_rating_range",
    "check_ratings",
    "check_ratings_in_range",
    "check_same_length",
    "check_seed",
    "check_sparse_ratings",
    "check_strings",
    "check_text",
    "check_vector",
    "check_path",
    "describe",
]


# --- arrays ------------------------------------------------------------------------------------


def refuse_masked_array(values, name: str) -> None:
    """Raise if `values` is a NumPy masked array: np.asarray would silently drop its mask."""
    if np.ma.isMaskedArray(values):
        raise TypeError(
            f"{name} is a NumPy masked array, whose mask the helpers would not see (the hidden cells would "
            f"count as values); pass {name}.filled(np.nan) to mark them missing, or only the unmasked values"
        )


def as_array(values, name: str, what: str = "an array") -> np.ndarray:
    """np.asarray(values), refusing a masked array and naming `name` when NumPy refuses ragged nested lists."""
    refuse_masked_array(values, name)
    try:
        return np.asarray(values)
    except ValueError:
        raise ValueError(f"{name} must be {what} with rows of equal length, got {describe(values)}") from None


def check_array(
    values,
    name: str,
    *,
    ndim: int | None = None,
    what: str = "numbers",
    allow_empty: bool = False,
    allow_nan: bool = False,
) -> np.ndarray:
    """`values` as a float array (of `ndim` dimensions), finite (NaN allowed with allow_nan), non-empty."""
    shape_word = {1: "a 1-D array", 2: "a 2-D array"}.get(ndim, "an array")
    refuse_masked_array(values, name)
    if isinstance(values, (str, bytes, dict, set)) or values is None or sp.issparse(values):
        raise TypeError(f"{name} must be {shape_word} of {what}, got {describe(values)}")
    array = as_array(values, name, f"{shape_word} of {what}")
    if array.dtype == bool or array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be {shape_word} of {what}, got {describe(values)}")
    array = array.astype(float)
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{name} must be {shape_word} of {what}, got shape {array.shape}")
    if array.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}")
    bad = np.isinf(array) if allow_nan else ~np.isfinite(array)
    if bad.any():
        missing = " (NaN marks a missing value)" if allow_nan else ""
        raise ValueError(f"{name} has {int(bad.sum())} value(s) that are NaN or inf; pass finite {what}{missing}")
    return array


def check_matrix(matrix, name: str = "matrix", *, allow_nan: bool = False) -> np.ndarray:
    """`matrix` as a non-empty, finite 2-D float array (NaN allowed with allow_nan)."""
    return check_array(matrix, name, ndim=2, allow_nan=allow_nan)


def check_vector(values, name: str, *, what: str = "numbers", allow_empty: bool = False) -> np.ndarray:
    """`values` as a finite 1-D float array, non-empty unless allow_empty."""
    return check_array(values, name, ndim=1, what=what, allow_empty=allow_empty)


def check_same_length(name_a: str, a, name_b: str, b) -> None:
    """Raise unless the 1-D sequences `a` and `b` have the same length."""
    for name, values in ((name_a, a), (name_b, b)):
        if np.ndim(values) == 0:
            raise TypeError(f"{name} must be a 1-D array, got {describe(values)}; for one value, pass [{name}]")
    if len(a) != len(b):
        raise ValueError(f"{name_a} and {name_b} must have the same length, got {len(a)} and {len(b)}")


def check_mask(mask, shape: tuple[int, ...] | None, name: str = "mask") -> np.ndarray:
    """`mask` as a boolean array of `shape` (True = observed); shape None asks for any 2-D mask."""
    refuse_masked_array(mask, name)
    if isinstance(mask, (str, bytes)) or mask is None or sp.issparse(mask):
        raise TypeError(f"{name} must be a boolean array (True or False per entry), got {describe(mask)}")
    array = as_array(mask, name, "a boolean array")
    if array.dtype != bool:
        raise TypeError(f"{name} must be a boolean array (True or False per entry), got {describe(array)}")
    if shape is None:
        if array.ndim != 2:
            raise ValueError(f"{name} must be a 2-D boolean array (users x items), got shape {array.shape}")
    elif array.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)} like the ratings, got {array.shape}")
    return array


def check_indices(indices, name: str, size: int, *, allow_empty: bool = True, unique: bool = False) -> np.ndarray:
    """`indices` as a 1-D integer array with every entry in 0..size-1 (0-based positions).

    A boolean mask, floats (which would be truncated) and negative indices (which would wrap
    around) are refused, as is any index past the end.
    """
    refuse_masked_array(indices, name)
    if isinstance(indices, (str, bytes)) or indices is None or isinstance(indices, (dict, set)):
        raise TypeError(f"{name} must be a 1-D array of integer indices, got {describe(indices)}")
    array = as_array(indices, name, "a 1-D array of integer indices")
    if array.dtype == bool:
        raise TypeError(
            f"{name} must hold integer indices, got a boolean mask; for a mask, pass np.flatnonzero({name})"
        )
    if array.size and not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"{name} must hold integer indices (0-based), got {describe(array)}")
    if array.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of indices, got shape {array.shape}")
    if not array.size and not allow_empty:
        raise ValueError(f"{name} must hold at least one index, got none")
    outside = array[(array < 0) | (array >= size)]
    if outside.size:
        raise ValueError(f"{name} has index {outside[0]}, outside 0..{size - 1}; pass 0-based indices below {size}")
    if unique:
        values, counts = np.unique(array, return_counts=True)
        if (counts > 1).any():
            raise ValueError(f"{name} lists {values[counts > 1][0]} more than once; give each index once")
    return array.astype(np.intp)


# The largest id (and matrix dimension) the helpers accept: far beyond any data set the course
# reads (MovieLens 100K: 943 users and 1,682 films; MovieLens 25M: 162,541 users), and small enough
# that a matrix's row pointers fit in memory (a user id of 2**31 would ask for 16 GiB of them).
MAX_ID = 10_000_000
# Work and memory limits, so that a mistyped number is an error rather than a kernel that never
# returns or dies of memory: ALS settles in tens of sweeps and the course's longest training runs
# 3,000 epochs; the course's widest layer has 500 units; the largest synthetic matrices it makes
# have a few hundred rows, and the Spark notebook copies MovieLens at most 8 times.
MAX_SWEEPS = 10_000  # n_iters of every ALS
MAX_EPOCHS = 1_000_000  # Keras training epochs
MAX_UNITS = 100_000  # a Keras layer's width (weights grow as inputs x units)
MAX_CELLS = 50_000_000  # a dense synthetic matrix's users x items (400 MB of floats)
MAX_COPIES = 1_000  # replicate_users' factor
MAX_PARTITIONS = 100_000  # a Spark DataFrame's partitions


def check_ids(ids, name: str, *, low: int = 0) -> np.ndarray:
    """`ids` (an integer or a 1-D array of them, e.g. MovieLens ids) as an int64 array, each in low..MAX_ID."""
    if isinstance(ids, (str, bytes, dict, set)) or ids is None or isinstance(ids, bool):
        raise TypeError(f"{name} must be integer ids, got {describe(ids)}")
    array = as_array(ids, name, "integer ids")
    if array.dtype == bool or (array.size and not np.issubdtype(array.dtype, np.integer)):
        raise TypeError(f"{name} must be integer ids, got {describe(array)}")
    if array.ndim > 1:
        raise ValueError(f"{name} must be one id or a 1-D array of ids, got shape {array.shape}")
    if array.size and array.min() < low:
        raise ValueError(f"{name} must all be {low} or more, got {array.min()}")
    if array.size and array.max() > MAX_ID:  # compared before the cast: a uint64 would wrap negative
        raise ValueError(
            f"{name} must all be at most {MAX_ID:,} (ids that large would need a matrix too big for memory), "
            f"got {array.max()}; renumber the ids from {low} (e.g. with np.unique(ids, return_inverse=True))"
        )
    return array.astype(np.int64)


def check_index(index, name: str, size: int) -> int:
    """`index` as an int in 0..size-1 (bools, floats and negative indices refused)."""
    if isinstance(index, bool) or not isinstance(index, numbers.Integral):
        raise TypeError(f"{name} must be an integer index (0-based), got {describe(index)}")
    return check_int(index, name, low=0, high=size - 1)


def check_finite_result(values, what: str, hint: str) -> np.ndarray:
    """Raise instead of returning a result with NaN or inf in it; `hint` says what to change."""
    array = np.asarray(values)
    if array.size and not np.isfinite(array).all():
        raise ValueError(f"{what} came out NaN or inf ({int((~np.isfinite(array)).sum())} value(s)); {hint}")
    return values


# --- ratings -----------------------------------------------------------------------------------


def check_rating_range(rating_range, name: str = "rating_range") -> tuple[float, float] | None:
    """`rating_range` as (low, high) with low < high, or None."""
    if rating_range is None:
        return None
    if isinstance(rating_range, (str, bytes)) or not _one_dimensional(rating_range) or len(rating_range) != 2:
        raise TypeError(f"{name} must be a pair (low, high) such as (1, 5), got {describe(rating_range)}")
    low, high = (check_float(value, name) for value in rating_range)
    if not low < high:
        raise ValueError(f"{name} must be (low, high) with low < high, got {tuple(rating_range)!r}")
    return low, high


def check_ratings_in_range(values: np.ndarray, rating_range, name: str) -> None:
    """Raise if any of `values` lies outside `rating_range` (no check when it is None)."""
    if rating_range is None:
        return
    low, high = rating_range
    outside = values[(values < low) | (values > high)]
    if outside.size:
        raise ValueError(
            f"{name} has {outside.size} rating(s) outside rating_range ({low:g}, {high:g}), e.g. {outside[0]:g}; "
            "fix those ratings or pass the right rating_range"
        )


def _no_zero_ratings(values: np.ndarray, name: str, where: str, fix: str) -> None:
    zeros = int((values == 0).sum())
    if zeros:
        raise ValueError(
            f"{name} has {zeros} rating(s) equal to 0 {where}, but 0 means 'not rated' in this "
            f"course, so a stored 0 is ambiguous; {fix}"
        )


def check_no_zero_ratings(values: np.ndarray, name: str, fix: str = "leave that item out") -> None:
    """Raise if any of the rating `values` is 0 (0 means "not rated"; see the module's docstring)."""
    if (values == 0).any():
        raise ValueError(f"{name} has a rating of 0, but 0 means 'not rated' in this course; {fix}")


def check_new_ratings(items, ratings, n_items: int, *, rating_range=None, unique: bool = False, name: str = "items"):
    """A new user's (items, ratings): item indices below `n_items` and one finite, non-zero rating each.

    Ratings may be empty (a user with no rating yet) and are checked against `rating_range`
    when it is given; with unique=True an item listed twice is refused. `name` is the indices'
    argument name in messages ("users" for a new film's raters).
    """
    items = check_indices(items, name, n_items, unique=unique)
    ratings = check_vector(ratings, "ratings", what="ratings", allow_empty=True)
    check_same_length(name, items, "ratings", ratings)
    check_no_zero_ratings(ratings, "ratings")
    check_ratings_in_range(ratings, check_rating_range(rating_range), "ratings")
    return items, ratings


def check_held_out(held_out: sp.csr_array, train: sp.csr_array, name: str, why: str) -> None:
    """Raise if the held-out ratings `held_out` rate a (user, item) pair that `train` rates too.

    A model fitted to a rating, or a protocol that never recommends a training item, cannot be
    judged on it; `why` completes the message ("{name} shares N (user, item) pair(s) with ...").
    """
    shared = train.multiply(held_out != 0).nnz
    if shared:
        raise ValueError(f"{name} shares {shared} (user, item) pair(s) with {why}")


def check_ratings(
    ratings,
    mask=None,
    *,
    name: str = "ratings",
    mask_name: str | None = "mask",
    rating_range=None,
    allow_empty: bool = False,
) -> sp.csr_array:
    """The observed ratings as a CSR matrix (users x items), from either form the helpers accept:

    - a dense 2-D array plus a boolean `mask` (True = observed; other cells may hold anything,
      NaN included, and are ignored), or
    - a SciPy sparse matrix whose stored entries are the observed ratings (`mask` None).

    A helper that takes no mask argument passes mask_name=None: only the sparse form is accepted.

    Refused: a dense array without a mask, a mask beside a sparse matrix, NaN/inf in an observed
    cell, a rating of 0 (see the module's docstring), a (user, item) pair stored twice, no
    rating at all (unless allow_empty) and ratings outside `rating_range` when it is given.
    Returns a new matrix with sorted indices; the caller's data is never changed.
    """
    if sp.issparse(ratings):
        if mask is not None:
            raise ValueError(
                f"{mask_name} must be None when {name} is a SciPy sparse matrix: its stored entries "
                "are the observed ratings"
            )
        if ratings.ndim != 2 or min(ratings.shape) == 0:
            raise ValueError(f"{name} must be a non-empty 2-D (users x items) matrix, got shape {ratings.shape}")
        if ratings.dtype == bool or ratings.dtype.kind not in "iuf":
            raise TypeError(f"{name} must hold numbers, got dtype {ratings.dtype}")
        coo = sp.coo_array(ratings, dtype=float, copy=True)
        by_user = coo.tocsr()  # sums duplicated entries, so a drop in the count reveals them
        if by_user.nnz < coo.nnz:
            raise ValueError(
                f"{name} stores {coo.nnz - by_user.nnz} duplicated (user, item) entries; "
                "keep one rating per user and item"
            )
        if not np.isfinite(by_user.data).all():
            raise ValueError(f"{name} stores NaN or inf; every stored entry must be a finite rating")
        _no_zero_ratings(
            by_user.data,
            name,
            "stored in it",
            f"to hide a rating, remove it ({name}.eliminate_zeros() after setting it to 0)",
        )
    else:
        if mask is None and mask_name is None:  # the helper takes no mask: sparse is the only form
            raise TypeError(
                f"{name} must be a SciPy sparse users x items matrix whose stored entries are the ratings, got "
                f"{describe(ratings)}; from a dense array and its mask: sp.csr_array(np.where(mask, {name}, 0))"
            )
        if mask is None:
            raise TypeError(
                f"a dense {name} array needs {mask_name}= a boolean array marking the observed cells "
                "(or pass a SciPy sparse matrix whose stored entries are the ratings)"
            )
        array = check_array(ratings, name, ndim=2, allow_nan=True)
        mask = check_mask(mask, array.shape, mask_name)
        rows, cols = np.nonzero(mask)
        values = array[rows, cols]
        if np.isnan(values).any():
            raise ValueError(
                f"{name} has NaN in {int(np.isnan(values).sum())} observed cell(s); every cell where "
                f"{mask_name} is True needs a rating"
            )
        _no_zero_ratings(
            values, name, f"in cells where {mask_name} is True", f"set {mask_name} to False where there is no rating"
        )
        by_user = sp.csr_array((values, (rows, cols)), shape=array.shape)
    if by_user.nnz == 0 and not allow_empty:
        raise ValueError(
            f"{name} has no observed rating; pass at least one" + (f" (check {mask_name})" if mask is not None else "")
        )
    check_ratings_in_range(by_user.data, check_rating_range(rating_range), name)
    by_user.sort_indices()
    return by_user


# --- sparse-only ratings (the Keras helpers) ---------------------------------------------------


def check_sparse_ratings(ratings, name: str = "ratings") -> sp.csr_array:
    """`ratings` as a CSR copy (`check_ratings`) if it is a SciPy sparse matrix; a dense array is refused."""
    if not sp.issparse(ratings):
        raise TypeError(
            f"{name} must be a SciPy sparse users x items matrix (e.g. from ratings_matrix), got {describe(ratings)}"
        )
    return check_ratings(ratings, name=name, mask_name=None)
