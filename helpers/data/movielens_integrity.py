"""What every copy of MovieLens 100K holds, and the check that a parsed copy holds it.

The archive's MD5 is checked when it is downloaded; a local folder (MOVIELENS_100K_DIR or
`data_dir`) has no published checksum per file, so its contents are checked instead, against
the facts GroupLens's README states: 100,000 ratings (1-5) from 943 users on 1,682 films, each
user with at least 20 ratings, collected from 19 September 1997 to 22 April 1998. A u.data cut
short, one line only, a line whose timestamp was truncated, or two files from different data
sets then fail with a message, instead of loading as if they were MovieLens 100K.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["EXPECTED", "Expected", "integrity_problem"]


@dataclass(frozen=True)
class Expected:
    """The published shape of MovieLens 100K."""

    n_ratings: int = 100_000
    n_users: int = 943
    n_items: int = 1682
    min_ratings_per_user: int = 20
    first_timestamp: int = 874_724_710  # 1997-09-20 03:05:10 UTC, the first rating
    last_timestamp: int = 893_286_638  # 1998-04-22 23:10:38 UTC, the last


EXPECTED = Expected()


def integrity_problem(ratings: pd.DataFrame, items: pd.DataFrame, expected: Expected = EXPECTED) -> str | None:
    """What a parsed (ratings, items) pair lacks to be MovieLens 100K, in words; None when it is whole."""
    if len(ratings) != expected.n_ratings:
        return f"u.data has {len(ratings):,} ratings, but MovieLens 100K has exactly {expected.n_ratings:,}"
    users, item_ids = ratings["user"].to_numpy(), ratings["item"].to_numpy()
    for what, ids, count in (("users", users, expected.n_users), ("films", item_ids, expected.n_items)):
        if ids.max() != count or np.unique(ids).size != count:
            return (
                f"u.data's {what} are not the ids 1..{count} of MovieLens 100K "
                f"(largest {ids.max()}, {np.unique(ids).size} distinct)"
            )
    fewest = int(np.bincount(users)[1:].min())  # every id 1..n_users is present (checked above)
    if fewest < expected.min_ratings_per_user:
        return (
            f"a user has {fewest} ratings, but every MovieLens 100K user has at least {expected.min_ratings_per_user}"
        )
    stamps = ratings["timestamp"].to_numpy()
    outside = (stamps < expected.first_timestamp) | (stamps > expected.last_timestamp)
    if outside.any():
        line = int(np.argmax(outside)) + 1
        return (
            f"line {line} of u.data has timestamp {stamps[line - 1]}, outside MovieLens 100K's "
            f"{expected.first_timestamp}..{expected.last_timestamp} (September 1997 to April 1998): "
            "the line was cut or changed"
        )
    pairs = users * (expected.n_items + 1) + item_ids
    if np.unique(pairs).size != pairs.size:
        return "u.data rates some (user, film) pair twice, which MovieLens 100K never does"
    if len(items) != expected.n_items or not np.array_equal(
        np.sort(items["item"].to_numpy()), np.arange(1, expected.n_items + 1)
    ):
        return (
            f"u.item lists {len(items):,} films, but MovieLens 100K has {expected.n_items:,}, ids 1..{expected.n_items}"
        )
    return None
