"""The course's Keras autoencoder run with given weights: the answer the checker compares a learner's
NumPy forward pass with (notebook 02's exercise, and the denoising loss of notebook 03's).

Introduced in notebook 02.
"""

from __future__ import annotations

import numpy as np

__all__: list[str] = []

_AUTOENCODERS = {}  # (n_items, n_codes) -> a Keras autoencoder without dropout, built once, given each case's weights


def _autoencoder_forward(X, W_e, b_e, W_d, b_d):
    """build_autoencoder's network (tanh codes, sigmoid outputs, float64) with these weights, on the rows of X."""
    from helpers.models.neural import build_autoencoder

    shape = W_e.shape
    if shape not in _AUTOENCODERS:
        _AUTOENCODERS[shape] = build_autoencoder(shape[0], shape[1], seed=0)[0]
    autoencoder = _AUTOENCODERS[shape]
    autoencoder.set_weights([W_e, b_e, W_d, b_d])
    return np.asarray(autoencoder(np.asarray(X, dtype=float), training=False), dtype=float)
