"""What Spark's ALS sends between its blocks, and a sweep's time on paper: pure NumPy, no pyspark.

Two kinds of shuffle figure appear here, and neither is a measurement:
- the ceiling: a user's vector reaches at most min(n_u, B) of the B item blocks, so a sweep sends
  at most min(|Omega|, users * B) user vectors (likewise for films);
- the expected reach: if a user's n_u films fall in blocks independently and uniformly (hashing
  ids makes them close to that), the user's vector reaches B (1 - (1 - 1/B)^n_u) blocks on
  average. Summed over the real counts this is an estimate; computed at the mean count it is an
  upper bound on that estimate, since the reach is concave in n_u (Jensen's inequality).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.core.constraints import Ids, Integer, Optional, Real, constrained
from helpers.core.validation import check_same_length

__all__ = ["ALSShuffle", "SweepEstimate", "als_block", "als_shuffle_per_sweep", "als_sweep_on_paper"]

FLOAT_BYTES = 4  # Spark's ALS stores and ships factors as 32-bit floats


@dataclass(frozen=True)
class ALSShuffle:
    """What Spark's ALS moves between blocks in one sweep (an item update, then a user update).

    user_vectors: user factor vectors sent to item blocks (distinct (user, item block) pairs);
    item_vectors: item factor vectors sent to user blocks (distinct (item, user block) pairs);
    naive_vectors: what sending every factor to every block of the other side would send;
    expected_user_vectors / expected_item_vectors: the expected reach summed over the real
    counts, sum over users of B (1 - (1 - 1/B)^n_u) (likewise for films): what random blocks
    would send, to compare with the exact count.

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
    expected_user_vectors: float = 0.0
    expected_item_vectors: float = 0.0

    @property
    def vectors(self) -> int:
        """Factor vectors sent per sweep, both half-steps."""
        return self.user_vectors + self.item_vectors

    @property
    def bytes(self) -> int:
        """Bytes of factors sent per sweep (rank 32-bit floats per vector; no framing, no compression)."""
        return self.vectors * self.rank * FLOAT_BYTES

    @property
    def expected_vectors(self) -> float:
        """Factor vectors per sweep expected from the counts alone, if every rating fell in a random block."""
        return self.expected_user_vectors + self.expected_item_vectors

    @property
    def naive_bytes(self) -> int:
        """Bytes per sweep if every block received the whole factor matrix of the other side."""
        return self.naive_vectors * self.rank * FLOAT_BYTES

    @property
    def ratings_bytes(self) -> int:
        """Bytes of (user, item, rating) triples (4 + 4 + 4) one full copy of the ratings takes."""
        return self.n_ratings * 12


def _expected_reach(counts, n_blocks: int) -> np.ndarray:
    """Blocks a vector reaches on average when each of its `counts` ratings lands in one of `n_blocks` at random."""
    counts = np.asarray(counts, dtype=float)
    return n_blocks * -np.expm1(counts * np.log1p(-1.0 / n_blocks)) if n_blocks > 1 else np.minimum(counts, 1.0)


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
    per_user, per_item = np.unique(users64, return_counts=True)[1], np.unique(items64, return_counts=True)[1]
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
        expected_user_vectors=float(_expected_reach(per_user, n_item_blocks).sum()),
        expected_item_vectors=float(_expected_reach(per_item, n_user_blocks).sum()),
    )


@dataclass(frozen=True)
class SweepEstimate:
    """A back-of-the-envelope time for one ALS sweep (see `als_sweep_on_paper`): nothing measured.

    shuffle_bytes is the ceiling (every user and film reaching min(count, B) blocks), reach_bytes
    the expected reach at the mean counts: both upper bounds, the second the tighter one, and
    network_seconds is computed from it (so it too is "at most").

    Introduced in notebook 06.
    """

    compute_seconds: float
    shuffle_bytes: int
    network_seconds: float
    overhead_seconds: float
    reach_bytes: int = 0

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
    core_seconds_per_rating=Optional(Real(low=0.0)),  # a fit to a loaded machine's timings may put all in the overhead
    flops_per_core=Real(above=0.0),
    bandwidth=Real(above=0.0),
    sweep_overhead=Real(low=0.0),
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
    core_seconds_per_rating: float | None = None,
    flops_per_core: float = 1e9,
    bandwidth: float = 125e6,
    sweep_overhead: float = 0.4,
) -> SweepEstimate:
    """Reason on paper about one ALS sweep (an item update, then a user update) of Spark's ALS.

    compute: with `core_seconds_per_rating` (a calibrated figure: what one core spends per rating
        per sweep, arithmetic and per-rating overheads together, fitted to measured runs), it is
        n_ratings * core_seconds_per_rating / cores. Without it, the arithmetic alone: one rank-1
        update per rating per half-step (2 rank**2 flops a sweep) and one rank x rank solve per
        user or film (rank**3 / 3), at `flops_per_core` on each of `cores` cores;
    shuffle: the factor vectors sent between blocks (n_blocks user blocks and as many item
        blocks), rank 4-byte floats each, as two upper bounds: `shuffle_bytes`, the ceiling
        min(n_ratings, n_users * n_blocks) + min(n_ratings, n_items * n_blocks), and
        `reach_bytes`, the expected reach at the mean counts (see the module's docstring);
    network: with machines > 1, the (machines - 1) / machines of `reach_bytes` that leaves a
        machine, over `machines` links of `bandwidth` bytes/s in parallel; on one machine it stays
        in memory and on local disk, and is counted as 0 here;
    overhead: `sweep_overhead` seconds per sweep to schedule its stages and tasks.

    Every default is an assumption to replace with your own (notebook 06 replaces the compute
    and overhead figures with ones fitted to its measurements): 1e9 flops per core, 1 Gbit/s
    (125e6 bytes/s) per machine, 0.4 s of scheduling per sweep.

    Introduced in notebook 06.
    """
    if core_seconds_per_rating is None:
        core_seconds = (2 * n_ratings * rank**2 + (n_users + n_items) * rank**3 / 3) / flops_per_core
    else:
        core_seconds = n_ratings * core_seconds_per_rating
    ceiling = min(n_ratings, n_users * n_blocks) + min(n_ratings, n_items * n_blocks)
    reach = n_users * _expected_reach(n_ratings / n_users, n_blocks) + n_items * _expected_reach(
        n_ratings / n_items, n_blocks
    )
    reach_bytes = float(reach) * rank * FLOAT_BYTES
    crossing = reach_bytes * (machines - 1) / machines
    return SweepEstimate(
        compute_seconds=core_seconds / cores,
        shuffle_bytes=int(ceiling * rank * FLOAT_BYTES),
        network_seconds=crossing / (machines * bandwidth) if machines > 1 else 0.0,
        overhead_seconds=sweep_overhead,
        reach_bytes=int(round(reach_bytes)),
    )
