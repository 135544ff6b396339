"""What Spark's ALS sends between its blocks, and a sweep's time on paper: pure NumPy, no pyspark."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.core.constraints import Ids, Integer, Real, constrained
from helpers.core.validation import check_same_length

__all__ = ["ALSShuffle", "SweepEstimate", "als_block", "als_shuffle_per_sweep", "als_sweep_on_paper"]

FLOAT_BYTES = 4  # Spark's ALS stores and ships factors as 32-bit floats


@dataclass(frozen=True)
class ALSShuffle:
    """What Spark's ALS moves between blocks in one sweep (an item update, then a user update).

    user_vectors: user factor vectors sent to item blocks (distinct (user, item block) pairs);
    item_vectors: item factor vectors sent to user blocks (distinct (item, user block) pairs);
    naive_vectors: what sending every factor to every block of the other side would send.

    Introduced in notebook 06.
    """

    n_ratings: int
    rank: int
    n_user_blocks: int
    n_item_blocks: int
    user_vectors: int
    item_vectors: int
    naive_vectors: int
    ratings_per_user_block: np.ndarray
    ratings_per_item_block: np.ndarray

    @property
    def vectors(self) -> int:
        """Factor vectors sent per sweep, both half-steps."""
        return self.user_vectors + self.item_vectors

    @property
    def bytes(self) -> int:
        """Bytes of factors sent per sweep (rank 32-bit floats per vector; no framing, no compression)."""
        return self.vectors * self.rank * FLOAT_BYTES

    @property
    def naive_bytes(self) -> int:
        """Bytes per sweep if every block received the whole factor matrix of the other side."""
        return self.naive_vectors * self.rank * FLOAT_BYTES

    @property
    def ratings_bytes(self) -> int:
        """Bytes of (user, item, rating) triples (4 + 4 + 4) one full copy of the ratings takes."""
        return self.n_ratings * 12


@constrained(n_blocks=Integer(low=1), ids=Ids())
def als_block(ids, n_blocks: int) -> np.ndarray:
    """The block Spark's ALS puts each non-negative integer id in: id mod n_blocks (a HashPartitioner).

    Introduced in notebook 06.
    """
    return ids % n_blocks


@constrained(users=Ids(), items=Ids(), rank=Integer(low=1), n_user_blocks=Integer(low=1), n_item_blocks=Integer(low=1))
def als_shuffle_per_sweep(users, items, *, rank: int, n_user_blocks: int = 10, n_item_blocks: int = 10) -> ALSShuffle:
    """Count what one ALS sweep shuffles for these ratings (one (user, item) pair per rating).

    To update the items of block b, every user block sends the factors of its users who rated
    an item in b, once per (user, block b); the ratings themselves were shuffled once, before the
    first sweep, and stay put. Likewise for the user update. Defaults are Spark's (10 blocks).

    Introduced in notebook 06.
    """
    if users.ndim != 1 or users.size == 0:
        raise ValueError(f"users must be a non-empty 1-D array of ids (one per rating), got shape {users.shape}")
    check_same_length("users", users, "items", items)
    user_blocks, item_blocks = als_block(users, n_user_blocks), als_block(items, n_item_blocks)
    users64, items64 = users.astype(np.int64), items.astype(np.int64)
    user_vectors = np.unique(users64 * n_item_blocks + item_blocks).size
    item_vectors = np.unique(items64 * n_user_blocks + user_blocks).size
    n_users, n_items = np.unique(users64).size, np.unique(items64).size
    return ALSShuffle(
        n_ratings=int(users.size),
        rank=rank,
        n_user_blocks=n_user_blocks,
        n_item_blocks=n_item_blocks,
        user_vectors=int(user_vectors),
        item_vectors=int(item_vectors),
        naive_vectors=int(n_users * n_item_blocks + n_items * n_user_blocks),
        ratings_per_user_block=np.bincount(user_blocks, minlength=n_user_blocks),
        ratings_per_item_block=np.bincount(item_blocks, minlength=n_item_blocks),
    )


@dataclass(frozen=True)
class SweepEstimate:
    """A back-of-the-envelope time for one ALS sweep (see `als_sweep_on_paper`): nothing measured.

    Introduced in notebook 06.
    """

    compute_seconds: float
    shuffle_bytes: int
    network_seconds: float
    overhead_seconds: float

    @property
    def total_seconds(self) -> float:
        """Compute + network + scheduling, as if none of them overlapped (a pessimistic sum)."""
        return self.compute_seconds + self.network_seconds + self.overhead_seconds


@constrained(
    n_ratings=Integer(low=1),
    n_users=Integer(low=1),
    n_items=Integer(low=1),
    rank=Integer(low=1),
    cores=Integer(low=1),
    machines=Integer(low=1),
    n_blocks=Integer(low=1),
    flops_per_core=Real(above=0.0),
    bandwidth=Real(above=0.0),
    stages=Integer(low=0),
    stage_seconds=Real(low=0.0),
)
def als_sweep_on_paper(
    n_ratings: int,
    n_users: int,
    n_items: int,
    *,
    rank: int,
    cores: int,
    machines: int = 1,
    n_blocks: int = 10,
    flops_per_core: float = 1e9,
    bandwidth: float = 125e6,
    stages: int = 4,
    stage_seconds: float = 0.1,
) -> SweepEstimate:
    """Reason on paper about one ALS sweep (an item update, then a user update) of Spark's ALS.

    compute: each half-step adds one rank-1 update per rating to a normal equation (about
        rank**2 flops) and solves one rank x rank system per user or item (rank**3 / 3), spread
        evenly over `cores` cores doing `flops_per_core` each;
    shuffle: the factor vectors sent between blocks, at most min(n_ratings, n_users * n_blocks)
        user vectors plus min(n_ratings, n_items * n_blocks) item vectors, rank 4-byte floats each
        (n_blocks user blocks and as many item blocks);
    network: with machines > 1, the (machines - 1) / machines of the shuffle that leaves a machine,
        over `machines` links of `bandwidth` bytes/s in parallel; on one machine it stays in
        memory and on local disk, and is counted as 0 here;
    overhead: `stages` scheduled stages per sweep, `stage_seconds` each.

    Every default is an assumption to replace with your own: 1e9 flops per core for Spark's
    pure-Java BLAS, 1 Gbit/s (125e6 bytes/s) per machine, 0.1 s to schedule a stage.

    Introduced in notebook 06.
    """
    flops = 2 * n_ratings * rank**2 + (n_users + n_items) * rank**3 / 3
    vectors = min(n_ratings, n_users * n_blocks) + min(n_ratings, n_items * n_blocks)
    shuffle_bytes = vectors * rank * FLOAT_BYTES
    crossing = shuffle_bytes * (machines - 1) / machines
    return SweepEstimate(
        compute_seconds=flops / (cores * flops_per_core),
        shuffle_bytes=int(shuffle_bytes),
        network_seconds=crossing / (machines * bandwidth) if machines > 1 else 0.0,
        overhead_seconds=stages * stage_seconds,
    )
