"""MovieLens 100K in the course's shapes: GroupLens's canonical folds, a validation split, the matrix.

User and item ids stay 1-based (as GroupLens numbers them) in every DataFrame; only
`ratings_matrix` uses 0-based rows and columns, through `user_index`/`item_index` (and back
with `user_of_row`/`item_of_column`). The files are read by `helpers.movielens_files`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import scipy.sparse as sp

from helpers.core.constraints import Fraction, Frame, Ids, Integer, Optional, Seed, Strings, constrained
from helpers.core.validation import (
    MAX_ID,
    as_generator,
    check_ids,
    check_no_zero_ratings,
    check_vector,
)
from helpers.data.movielens_files import N_RATINGS

__all__ = [
    "block_validation_split",
    "film_features",
    "item_index",
    "item_of_column",
    "items_by_title",
    "movielens_fold",
    "primary_genre",
    "ratings_matrix",
    "user_index",
    "user_of_row",
    "validation_split",
]

N_FOLDS = 5
FOLD_SIZE = N_RATINGS // N_FOLDS  # mku.sh cuts u.data into five blocks of this many lines


# --- folds and splits ----------------------------------------------------------------------


@constrained(fold=Integer(low=1, high=N_FOLDS), ratings=Frame("user", "item"))
def movielens_fold(ratings: pd.DataFrame, fold: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(train, test) of GroupLens's fold `fold` (1..5), cut as mku.sh cuts u.data into u<fold>.base/.test.

    test = u.data lines (fold-1)*20000+1 .. fold*20000, train = the other 80,000; each is sorted
    by user then item like mku.sh's files, and keeps u.data's row labels (line number - 1).

    Introduced in notebook 05.
    """
    if len(ratings) != N_RATINGS:
        raise ValueError(
            f"ratings must be all {N_RATINGS:,} MovieLens 100K ratings as "
            f"load_movielens_100k returns them, got {len(ratings):,} rows"
        )
    if not ratings.index.equals(pd.RangeIndex(N_RATINGS)):
        raise ValueError(
            "ratings must be in u.data's line order with labels 0..99999, as "
            "load_movielens_100k returns them; pass it unsorted and unshuffled"
        )
    in_test = np.zeros(N_RATINGS, dtype=bool)
    in_test[(fold - 1) * FOLD_SIZE : fold * FOLD_SIZE] = True
    order = ["user", "item"]
    train = ratings[~in_test].sort_values(order, kind="stable")
    test = ratings[in_test].sort_values(order, kind="stable")
    return train, test


def _held_out_rows(fraction: float, n_rows: int) -> int:
    """How many of `n_rows` rows a validation `fraction` holds out; a ValueError when a part would be empty."""
    n_valid = int(round(fraction * n_rows))
    if not 1 <= n_valid <= n_rows - 1:
        raise ValueError(
            f"fraction={fraction} of {n_rows} rows leaves an empty part; pass a "
            "fraction that holds out at least one row and keeps at least one"
        )
    return n_valid


@constrained(train=Frame(), fraction=Fraction(), seed=Seed())
def validation_split(train: pd.DataFrame, fraction: float = 0.1, seed=0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(fit, valid): a seeded random `fraction` of `train`'s rows held out for choosing hyperparameters.

    `seed` is an int or a numpy.random.Generator; both parts keep `train`'s row order and labels.

    Introduced in notebook 05.
    """
    n_valid = _held_out_rows(fraction, len(train))
    rng = as_generator(seed)
    in_valid = np.zeros(len(train), dtype=bool)
    in_valid[rng.choice(len(train), size=n_valid, replace=False)] = True
    return train[~in_valid], train[in_valid]


@constrained(train=Frame(), fraction=Fraction())
def block_validation_split(train: pd.DataFrame, fraction: float = 0.2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(fit, valid): `valid` is the first `fraction` of `train`'s rows in u.data's line order, one block.

    GroupLens's mku.sh cuts each test fold as a contiguous block of u.data's lines, and u.data
    is grouped by user, so a fold holds many ratings of a subset of users (u1.test: about 43% of
    the ratings of 459 users, none of the other 484). Cutting validation the same way, a block of
    `train`'s lines in file order (its row labels), makes the choice of settings look like the
    test it prepares for; `validation_split` cuts a random sample instead. Both parts keep
    `train`'s row order and labels.

    Introduced in notebook 05.
    """
    n_valid = _held_out_rows(fraction, len(train))
    if not train.index.is_unique or not pd.api.types.is_integer_dtype(train.index):
        raise ValueError(
            "train must keep u.data's line numbers as its row labels (as movielens_fold returns it); "
            "do not reset or shuffle its index"
        )
    in_valid = np.zeros(len(train), dtype=bool)
    in_valid[np.argsort(train.index.to_numpy(), kind="stable")[:n_valid]] = True
    return train[~in_valid], train[in_valid]


# --- ids, rows and columns ----------------------------------------------------------------


def _shift(ids: np.ndarray, step: int):
    """Checked `ids` (an int64 array) + `step`, as an int for a scalar."""
    shifted = ids + step
    return int(shifted) if shifted.ndim == 0 else shifted


# The one place where GroupLens's 1-based ids meet 0-based rows and columns.
@constrained(user_ids=Ids(low=1))
def user_index(user_ids):
    """Matrix row of each 1-based MovieLens user id: id - 1.

    Introduced in notebook 05.
    """
    return _shift(user_ids, -1)


@constrained(item_ids=Ids(low=1))
def item_index(item_ids):
    """Matrix column of each 1-based MovieLens item id: id - 1.

    Introduced in notebook 05.
    """
    return _shift(item_ids, -1)


@constrained(rows=Ids(low=0))
def user_of_row(rows):
    """MovieLens user id of each 0-based matrix row: row + 1 (the inverse of user_index).

    Introduced in notebook 05.
    """
    return _shift(rows, 1)


@constrained(columns=Ids(low=0))
def item_of_column(columns):
    """MovieLens item id of each 0-based matrix column: column + 1 (the inverse of item_index).

    Introduced in notebook 05.
    """
    return _shift(columns, 1)


@constrained(
    ratings=Frame("user", "item", "rating"),
    n_users=Optional(Integer(low=1, high=MAX_ID)),
    n_items=Optional(Integer(low=1, high=MAX_ID)),
)
def ratings_matrix(ratings: pd.DataFrame, n_users: int | None = None, n_items: int | None = None) -> sp.csr_array:
    """Users x items SciPy CSR matrix of the ratings, row user_index(user), column item_index(item).

    The shape defaults to the largest ids in `ratings` (943 x 1682 for all of MovieLens 100K);
    pass n_users/n_items (e.g. from the full data) so a train and a test matrix share one shape.

    Introduced in notebook 04 (its new-film section); notebook 05 studies the data.
    """
    users = check_ids(ratings["user"].to_numpy(), "ratings['user']", low=1)
    items = check_ids(ratings["item"].to_numpy(), "ratings['item']", low=1)
    rows, columns = user_index(users), item_index(items)
    values = check_vector(ratings["rating"].to_numpy(), "ratings['rating']", what="ratings", allow_empty=True)
    check_no_zero_ratings(values, "ratings['rating']", "drop those rows")
    shape = []
    for name, given, index in (("n_users", n_users, rows), ("n_items", n_items, columns)):
        needed = int(index.max()) + 1 if index.size else 0
        if given is None:
            if not needed:
                raise ValueError(f"ratings is empty, so {name} cannot be inferred; pass {name}")
            shape.append(needed)
        else:
            if given < needed:
                raise ValueError(f"{name} must be at least the largest id in ratings ({needed}), got {given}")
            shape.append(given)
    keys = rows * shape[1] + columns
    order = np.argsort(keys, kind="stable")
    repeated = np.flatnonzero(keys[order][1:] == keys[order][:-1])
    if repeated.size:
        first, second = order[repeated[0]], order[repeated[0] + 1]
        labels = ratings.index
        raise ValueError(
            f"ratings has user {ratings['user'].iat[first]}, item {ratings['item'].iat[first]} twice "
            f"(rows labelled {labels[first]} and {labels[second]}); keep one rating per pair"
        )
    matrix = sp.csr_array((values, (rows, columns)), shape=tuple(shape))
    matrix.sort_indices()
    return matrix


@constrained(items=Frame("item", "title"), titles=Strings(example="['Star Wars (1977)']"))
def items_by_title(items: pd.DataFrame, titles) -> np.ndarray:
    """The item ids of the given exact titles, e.g. ["Star Wars (1977)"], in the order given.

    Introduced in notebook 05.
    """
    lookup = dict(zip(items["title"], items["item"]))
    counts = items["title"].value_counts()
    twice = [title for title in titles if counts.get(title, 0) > 1]
    if twice:
        ids = items.loc[items["title"] == twice[0], "item"].tolist()
        raise ValueError(f"{twice[0]!r} is the title of {len(ids)} items (ids {ids}); choose one by its id instead")
    missing = [title for title in titles if title not in lookup]
    if missing:
        raise ValueError(f"no item titled {missing[0]!r}; titles include the year, e.g. 'Toy Story (1995)'")
    return np.array([lookup[title] for title in titles])


@constrained(items=Frame("genres"), priority=Strings(example="['Sci-Fi', 'Romance']"))
def primary_genre(items: pd.DataFrame, priority) -> np.ndarray:
    """One genre name per item: the first genre of `priority` that the item has, else "other".

    Introduced in notebook 05.
    """
    known = set("|".join(items["genres"]).split("|"))
    unknown = [genre for genre in priority if genre not in known]
    if unknown:
        raise ValueError(f"priority names {unknown[0]!r}, which no item has; genres are {sorted(known - {''})}")
    genres = items["genres"].str.split("|")
    return np.array([next((g for g in priority if g in have), "other") for have in genres])


DECADES = (1960, 1970, 1980, 1990)  # film_features' decade flags: before 1960, the 1960s, ..., the 1990s


@constrained(items=Frame("item", "year", "genres"))
def film_features(items: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    """(features, names): one row per film, row `item_index(id)` (ratings_matrix's column), 0/1 floats.

    The columns are one flag per genre some film has (u.item's genre names) and one per decade of
    release: "before 1960", "1960s", "1970s", "1980s", "1990s" (a film with no year has no decade
    flag). A film's row is all the model can know about it before anyone has rated it.

    Introduced in notebook 04.
    """
    columns = item_index(items["item"].to_numpy())
    genres = items["genres"].str.get_dummies(sep="|")
    years = items["year"].to_numpy(dtype=float, na_value=np.nan)
    decade = np.searchsorted(DECADES, years, side="right")  # 0 = before 1960, ..., 4 = the 1990s
    decade_names = [f"before {DECADES[0]}"] + [f"{start}s" for start in DECADES]
    decades = (decade[:, None] == np.arange(len(decade_names))) & ~np.isnan(years)[:, None]
    features = np.zeros((int(columns.max()) + 1, genres.shape[1] + len(decade_names)))
    features[columns] = np.column_stack([genres.to_numpy(dtype=float), decades.astype(float)])
    return features, [*genres.columns, *decade_names]
