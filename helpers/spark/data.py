"""Ratings into Spark, and more users for timings (resampled copies of real ones)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.core.validation import as_generator, check_frame, check_int, check_seed, check_vector, describe

__all__ = ["ratings_to_spark", "replicate_users", "replicate_users_spark", "resample_users"]

RATING_SCHEMA = "user INT, item INT, rating FLOAT"  # what pyspark.ml's ALS expects


def ratings_to_spark(spark, ratings: pd.DataFrame, *, num_partitions: int | None = None):
    """A Spark DataFrame (user INT, item INT, rating FLOAT) of a ratings DataFrame's three columns.

    The rows travel from this Python process (the driver) to the executors, so it works on any
    master, a cluster included; fine for the course's data, while data sets too big for one
    machine are read by the executors themselves (spark.read.csv/parquet with a schema).

    Introduced in notebook 06.
    """
    check_frame(ratings, "ratings", ("user", "item", "rating"))
    if num_partitions is not None:
        num_partitions = check_int(num_partitions, "num_partitions", low=1)
    if len(ratings) == 0:
        raise ValueError("ratings is empty; pass at least one rating")
    ids = {}
    for column in ("user", "item"):
        values = ratings[column].to_numpy()
        if values.dtype == bool or not np.issubdtype(values.dtype, np.integer):
            raise TypeError(f"ratings[{column!r}] must hold integer ids, got dtype {values.dtype}")
        if values.min() < 0 or values.max() > np.iinfo(np.int32).max:
            raise ValueError(
                f"ratings[{column!r}] must hold ids between 0 and 2**31 - 1 (Spark's ALS "
                f"needs 32-bit integer ids), got {values.min()}..{values.max()}"
            )
        ids[column] = values.astype(np.int64).tolist()
    values = check_vector(ratings["rating"].to_numpy(), "ratings['rating']", what="ratings")
    rows = list(zip(ids["user"], ids["item"], values.tolist()))
    if num_partitions is None:
        return spark.createDataFrame(rows, RATING_SCHEMA, verifySchema=False)
    rdd = spark.sparkContext.parallelize(rows, num_partitions)
    return spark.createDataFrame(rdd, RATING_SCHEMA, verifySchema=False)


def resample_users(user_ids, factor: int, *, seed) -> np.ndarray:
    """The real user each of (factor - 1) * n synthetic users copies, drawn with replacement.

    n is the number of distinct ids in `user_ids`; entry j belongs to synthetic user
    max(user_ids) + 1 + j. `seed` is an int or a numpy.random.Generator; factor=1 gives an
    empty array.

    Introduced in notebook 06.
    """
    if isinstance(user_ids, (str, bytes)) or user_ids is None:
        raise TypeError(f"user_ids must be an array of integer user ids, got {describe(user_ids)}")
    users = np.unique(np.asarray(user_ids))
    if users.dtype == bool or (users.size and not np.issubdtype(users.dtype, np.integer)):
        raise TypeError(f"user_ids must be integer user ids, got {describe(users)}")
    if users.size == 0:
        raise ValueError("user_ids must hold at least one user id, got none")
    factor = check_int(factor, "factor", low=1)
    rng = as_generator(seed)
    return rng.choice(users, size=(factor - 1) * users.size, replace=True)


def _copies_table(users: np.ndarray, factor: int, seed):
    """(new user ids, the real user each copies) for replicate_users and replicate_users_spark."""
    sources = resample_users(users, factor, seed=seed)
    first_new = int(np.max(users)) + 1
    return np.arange(first_new, first_new + sources.size, dtype=np.int64), sources.astype(np.int64)


def replicate_users(ratings: pd.DataFrame, factor: int, *, seed) -> pd.DataFrame:
    """`ratings` (user, item, rating) grown about `factor`-fold with synthetic users, in pandas.

    Each synthetic user is a copy of a real user drawn at random (`resample_users`), rating the
    same items the same way, under a new id above the largest real one. The copies add no
    information, but they cost as much to fit as real users would, which is what a timing needs.
    The real users' rows come first, unchanged; `replicate_users_spark` builds the same rows in Spark.

    Introduced in notebook 06.
    """
    check_frame(ratings, "ratings", ("user", "item", "rating"))
    base = ratings[["user", "item", "rating"]].reset_index(drop=True)
    new_ids, sources = _copies_table(base["user"].to_numpy(), factor, seed)
    if sources.size == 0:
        return base
    copies = pd.DataFrame({"new_user": new_ids, "user": sources})
    extra = copies.merge(base, on="user", how="inner", sort=False)
    extra = pd.DataFrame(
        {"user": extra["new_user"].to_numpy(), "item": extra["item"].to_numpy(), "rating": extra["rating"].to_numpy()}
    )
    return pd.concat([base, extra.astype(base.dtypes.to_dict())], ignore_index=True)


def replicate_users_spark(ratings_sdf, factor: int, *, seed):
    """The rows of `replicate_users` for a Spark DataFrame (user, item, rating), built in Spark.

    Only the small table of who copies whom is made here and sent to Spark; the ratings never
    leave it. The same `seed` draws the same copies as `replicate_users` on the same ratings.

    Introduced in notebook 06.
    """
    from pyspark.sql import DataFrame, functions

    factor = check_int(factor, "factor", low=1)
    seed = check_seed(seed)
    if not isinstance(ratings_sdf, DataFrame) or not {"user", "item", "rating"} <= set(ratings_sdf.columns):
        raise TypeError(
            f"ratings_sdf must be a Spark DataFrame with columns user, item, rating, got {describe(ratings_sdf)}"
        )
    users = np.array([row[0] for row in ratings_sdf.select("user").distinct().collect()], dtype=np.int64)
    new_ids, sources = _copies_table(np.sort(users), factor, seed)
    if sources.size == 0:
        return ratings_sdf
    copies = ratings_sdf.sparkSession.createDataFrame(
        list(zip(new_ids.tolist(), sources.tolist())), "new_user INT, user INT", verifySchema=False
    )
    extra = ratings_sdf.join(functions.broadcast(copies), on="user").select(
        functions.col("new_user").alias("user"), "item", "rating"
    )
    return ratings_sdf.unionByName(extra)
