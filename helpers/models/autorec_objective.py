"""I-AutoRec's objective in NumPy (notebook 05): what fit_autorec's Adam steps decrease, without TensorFlow."""

from __future__ import annotations

import numpy as np

from helpers.core.constraints import Matrix, Real, constrained

__all__ = ["autorec_objective"]


@constrained(
    item_ratings=Matrix(), reconstruction=Matrix(), encoder_kernel=Matrix(), decoder_kernel=Matrix(), l2=Real(low=0.0)
)
def autorec_objective(item_ratings, reconstruction, encoder_kernel, decoder_kernel, *, l2: float) -> float:
    """I-AutoRec's training loss in NumPy, the quantity fit_autorec's Adam steps decrease:

        mean over observed (i, u) of (r_iu - r_hat_iu)^2  +  l2 * (|W_e|^2 + |W_d|^2)

    `item_ratings` is items x users with 0 where a user did not rate the item (so unrated cells
    count for nothing), `reconstruction` the model's output for it, the kernels its two weight
    matrices (biases are not penalised). A test checks it against the Keras loss fit_autorec uses.

    Introduced in notebook 05.
    """
    if reconstruction.shape != item_ratings.shape:
        raise ValueError(
            f"reconstruction must have the shape of item_ratings {item_ratings.shape}, got {reconstruction.shape}"
        )
    observed = item_ratings != 0
    if not observed.any():
        raise ValueError("item_ratings has no rating (every cell is 0); pass the training ratings")
    squared_error = np.mean((item_ratings[observed] - reconstruction[observed]) ** 2)
    return float(squared_error + l2 * (np.sum(encoder_kernel**2) + np.sum(decoder_kernel**2)))
