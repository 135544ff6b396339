"""Ratings into Spark, and more users for timings (resampled copies of real ones)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.core.constraints import Checked, Frame, Integer, Optional, Seed, constrained
from helpers.core.validation import MAX_COPIES, MAX_PARTITIONS, as_array, as_generator, check_vector, describe

__all__ = ["ratings_to_spark", "replicate_users", "replicate_users_spark", "resample_users"]

RATING_SCHEMA = "user INT, item INT, rating FLOAT"  # what pyspark.ml's ALS expects


@constrained(ratings=Frame("user", "item", "rating"), num_partitions=Optional(Integer(low=1, high=MAX_PARTITIONS)))
def ratings_to_spark(spark, ratings: pd.DataFrame, *, num_partitions: int | None = None):
    """A Spark DataFrame (user INT, item INT, rating FLOAT) of a ratings DataFrame's three columns.

    The rows travel from this Python process (the driver) to the executors, so it works on any
    master, a cluster included; fine for the course's data, while data sets too big for one
    machine are read by the executors themselves (spark.read.csv/parquet with a schema).

    Introduced in notebook 06.
    """
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


def _distinct_user_ids(user_ids) -> np.ndarray:
    """The distinct ids in `user_ids` (integers, at least one), sorted."""
    if isinstance(user_ids, (str, bytes)) or user_ids is None:
        raise TypeError(f"user_ids must be an array of integer user ids, got {describe(user_ids)}")
    users = as_array(user_ids, "user_ids", "an array of integer user ids")
    if users.dtype == bool or (users.size and not np.issubdtype(users.dtype, np.integer)):
        raise TypeError(f"user_ids must be integer user ids, got {describe(users)}")
    users = np.unique(users)
    if users.size == 0:
        raise ValueError("user_ids must hold at least one user id, got none")
    return users


def _spark_ratings(ratings_sdf):
    """`ratings_sdf` if it is a Spark DataFrame with the columns user, item and rating."""
    from pyspark.sql import DataFrame

    if not isinstance(ratings_sdf, DataFrame) or not {"user", "item", "rating"} <= set(ratings_sdf.columns):
        raise TypeError(
            f"ratings_sdf must be a Spark DataFrame with columns user, item, rating, got {describe(ratings_sdf)}"
        )
    return ratings_sdf


@constrained(user_ids=Checked(_distinct_user_ids, "user ids"), factor=Integer(low=1, high=MAX_COPIES), seed=Seed())
def resample_users(user_ids, factor: int, *, seed=0) -> np.ndarray:
    """The real user each of (factor - 1) * n synthetic users copies, drawn with replacement.

    n is the number of distinct ids in `user_ids`; entry j belongs to synthetic user
    max(user_ids) + 1 + j. `seed` (default 0) is an int or a numpy.random.Generator; factor=1
    gives an empty array.

    Introduced in notebook 06.
    """
    return as_generator(seed).choice(user_ids, size=(factor - 1) * user_ids.size, replace=True)


def _copies_table(users: np.ndarray, factor: int, seed):
    """(new user ids, the real user each copies) for replicate_users and replicate_users_spark."""
    sources = resample_users(users, factor, seed=seed)
    first_new = int(np.max(users)) + 1
    return np.arange(first_new, first_new + sources.size, dtype=np.int64), sources.astype(np.int64)


@constrained(ratings=Frame("user", "item", "rating"), factor=Integer(low=1, high=MAX_COPIES), seed=Seed())
def replicate_users(ratings: pd.DataFrame, factor: int, *, seed=0) -> pd.DataFrame:
    """`ratings` (user, item, rating) grown about `factor`-fold with synthetic users, in pandas.

    Each synthetic user is a copy of a real user drawn at random (`resample_users`), rating the
    same items the same way, under a new id above the largest real one. The copies add no
    information, but they cost as much to fit as real users would, which is what a timing needs.
    The real users' rows come first, unchanged; `replicate_users_spark` builds the same rows in Spark.

    Introduced in notebook 06.
    """
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


@constrained(
    factor=Integer(low=1, high=MAX_COPIES), seed=Seed(), ratings_sdf=Checked(_spark_ratings, "a Spark DataFrame")
)
def replicate_users_spark(ratings_sdf, factor: int, *, seed=0):
    """The rows of `replicate_users` for a Spark DataFrame (user, item, rating), built in Spark.

    Only the small table of who copies whom is made here and sent to Spark; the ratings never
    leave it. The same `seed` draws the same copies as `replicate_users` on the same ratings.

    Introduced in notebook 06.
    """
    from pyspark.sql import functions

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
