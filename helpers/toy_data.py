"""The small matrices of the original notebook, kept in code so every notebook starts from the same data."""

from __future__ import annotations

import numpy as np

TOY_USERS = ("user 1", "user 2", "user 3", "user 4", "user 5")
TOY_ITEMS = ("item 1", "item 2", "item 3", "item 4")


def toy_ratings() -> np.ndarray:
    """The original notebook's 5 users x 4 items rating matrix (0 = not rated), as floats."""
    return np.array(
        [
            [5, 3, 0, 0],
            [4, 0, 0, 5],
            [0, 0, 3, 4],
            [0, 5, 0, 0],
            [0, 0, 4, 0],
        ],
        dtype=float,
    )
