"""The course's coding exercises for `check_exercise`: for each, seeded random cases, the course's
own answer (the helper the notebooks run), typical mistakes written as code with their hints, and
a general hint. One section per notebook; `EXERCISES` lists them by name.
"""

from __future__ import annotations

import numpy as np

from helpers.teaching.activity_cases import _EXERCISES_ACTIVITY
from helpers.teaching.adam_cases import _EXERCISES_ADAM
from helpers.teaching.als_cases import _bias_fold_in_case, _fold_in_bias, _no_ratings_case
from helpers.teaching.autorec_cases import _EXERCISES_AUTOREC
from helpers.teaching.blend_cases import _EXERCISES_BLEND
from helpers.teaching.bootstrap_cases import _EXERCISES_BOOTSTRAP
from helpers.teaching.cold_start_cases import _EXERCISES_COLD_START
from helpers.teaching.denoising_cases import _EXERCISES_DENOISING
from helpers.teaching.exercise_spec import _Exercise, _Mistake
from helpers.teaching.exposure_cases import _EXERCISES_EXPOSURE
from helpers.teaching.factorization_cases import _EXERCISES_FACTORIZATION
from helpers.teaching.feature_ridge_cases import _EXERCISES_FEATURE_RIDGE
from helpers.teaching.imputed_svd_cases import _EXERCISES_IMPUTED_SVD
from helpers.teaching.keras_forward import _autoencoder_forward
from helpers.teaching.ranking_cases import _EXERCISES_RANKING
from helpers.teaching.similarity_cases import _EXERCISES_SIMILARITY
from helpers.teaching.spark_cases import _EXERCISES_SPARK
from helpers.teaching.svd_cases import _EXERCISES_SVD
from helpers.teaching.wals_cases import _EXERCISES_WALS

__all__ = ["EXERCISES"]


# --- 02: the autoencoder's forward pass ------------------------------------------------------------


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _autoencoder_case(rng):
    n_items = int(rng.integers(3, 7))
    n_codes = int(rng.integers(1, n_items))
    return dict(
        X=rng.random((int(rng.integers(2, 6)), n_items)),
        W_e=rng.normal(scale=0.8, size=(n_items, n_codes)),
        b_e=rng.normal(scale=0.3, size=n_codes),
        W_d=rng.normal(scale=0.8, size=(n_codes, n_items)),
        b_d=rng.normal(scale=0.3, size=n_items),
    )


# --- 05: I-AutoRec's objective -------------------------------------------------------------------


def _autorec_case(rng):
    n_items, n_users, hidden = int(rng.integers(3, 7)), int(rng.integers(4, 9)), int(rng.integers(2, 5))
    R = np.where(rng.random((n_items, n_users)) < 0.5, rng.integers(1, 6, size=(n_items, n_users)), 0).astype(float)
    R[0, 0] = 4.0  # at least one rating
    return dict(
        R=R,
        R_hat=R + rng.normal(scale=0.7, size=R.shape),
        W_e=rng.normal(size=(n_users, hidden)),
        W_d=rng.normal(size=(hidden, n_users)),
        l2=float(rng.choice([0.001, 0.01])),
    )


def _autorec_loss(R, R_hat, W_e, W_d, l2):
    from helpers.models.autorec_objective import autorec_objective

    return autorec_objective(R, R_hat, W_e, W_d, l2=l2)


def _observed_mse(R, R_hat):
    observed = R != 0
    return np.mean((R[observed] - R_hat[observed]) ** 2)


EXERCISES = {
    "autoencoder_forward": _Exercise(
        signature="autoencoder_forward(X, W_e, b_e, W_d, b_d) -> the reconstruction of X",
        cases=_autoencoder_case,
        reference=_autoencoder_forward,
        mistakes=(
            _Mistake(
                lambda X, W_e, b_e, W_d, b_d: (X @ W_e + b_e) @ W_d + b_d,
                "no activations: the codes are tanh(X W_e + b_e), the output sigmoid(codes W_d + b_d).",
            ),
            _Mistake(
                lambda X, W_e, b_e, W_d, b_d: _sigmoid(X @ W_e + b_e) @ W_d + b_d,
                "the activations are missing or swapped: tanh in the encoder, sigmoid on the output.",
            ),
            _Mistake(
                lambda X, W_e, b_e, W_d, b_d: np.tanh(_sigmoid(X @ W_e + b_e) @ W_d + b_d),
                "the activations are swapped: tanh in the encoder, sigmoid on the output.",
            ),
            _Mistake(
                lambda X, W_e, b_e, W_d, b_d: np.tanh(X @ W_e + b_e) @ W_d + b_d,
                "the output sigmoid is missing: the decoder is sigmoid(codes W_d + b_d).",
            ),
            _Mistake(
                lambda X, W_e, b_e, W_d, b_d: _sigmoid(np.tanh(X @ W_e) @ W_d),
                "the biases are missing: add b_e inside the tanh and b_d inside the sigmoid.",
            ),
            _Mistake(
                lambda X, W_e, b_e, W_d, b_d: _sigmoid(np.tanh(X @ W_e.T + b_e) @ W_d.T + b_d),
                "the weights are transposed: X (users x items) times W_e (items x codes) gives the codes.",
            ),
        ),
        hint="codes = tanh(X @ W_e + b_e), then output = sigmoid(codes @ W_d + b_d), where sigmoid(z) = "
        "1 / (1 + exp(-z)).",
    ),
    "fold_in_bias": _Exercise(
        signature="fold_in_bias(ratings, item_bias, mu, shrinkage) -> the new user's bias b_u",
        cases=_bias_fold_in_case,
        edge_cases=(_no_ratings_case,),
        reference=_fold_in_bias,
        course_answers=("fold_in_user",),
        mistakes=(
            _Mistake(
                lambda ratings, item_bias, mu, shrinkage: (
                    np.mean(ratings - mu - item_bias) * ratings.size / (ratings.size + shrinkage)
                ),
                "right for a user with ratings, NaN for one with none (the mean of no numbers): write it as a sum "
                "divided by (n_u + shrinkage), which gives b_u = 0, the baseline, when n_u = 0.",
            ),
            _Mistake(
                lambda ratings, item_bias, mu, shrinkage: (
                    mu if ratings.size == 0 else np.sum(ratings - mu - item_bias) / (ratings.size + shrinkage)
                ),
                "a user with no ratings gets mu: b_u is a deviation from mu + b_i, so with nothing to go on it is "
                "0 (and the prediction mu + b_i, the baseline).",
            ),
            _Mistake(
                lambda ratings, item_bias, mu, shrinkage: (
                    np.sum(ratings - mu - item_bias) / (ratings.size + shrinkage * ratings.size)
                ),
                "the shrinkage is a fixed number of pseudo-ratings for the bias model, not multiplied by n_u "
                "(that is ALS's weighted lambda).",
            ),
            _Mistake(
                lambda ratings, item_bias, mu, shrinkage: np.mean(ratings - mu - item_bias),
                "there is no shrinkage: divide by n_u + shrinkage, not n_u.",
            ),
            _Mistake(
                lambda ratings, item_bias, mu, shrinkage: np.sum(ratings - mu) / (ratings.size + shrinkage),
                "the items' biases are still in: a generous rating of a popular film says less about the user, "
                "so subtract b_i too.",
            ),
            _Mistake(
                lambda ratings, item_bias, mu, shrinkage: np.sum(ratings - item_bias) / (ratings.size + shrinkage),
                "the global mean is still in: subtract mu from every rating.",
            ),
        ),
        hint="b_u = sum of (r_ui - mu - b_i) over the rated items, divided by (n_u + shrinkage).",
    ),
    "autorec_loss": _Exercise(
        signature="autorec_loss(R, R_hat, W_e, W_d, l2) -> I-AutoRec's training loss",
        cases=_autorec_case,
        reference=_autorec_loss,
        course_answers=("autorec_objective",),
        mistakes=(
            _Mistake(
                lambda R, R_hat, W_e, W_d, l2: np.mean((R - R_hat) ** 2) + l2 * (np.sum(W_e**2) + np.sum(W_d**2)),
                "the mask is ignored: only the observed ratings (R != 0) count, the zeros are not ratings.",
            ),
            _Mistake(
                lambda R, R_hat, W_e, W_d, l2: _observed_mse(R, R_hat),
                "the L2 penalty is missing: add l2 * (sum of squared weights of W_e and W_d).",
            ),
            _Mistake(
                lambda R, R_hat, W_e, W_d, l2: (
                    _observed_mse(R, R_hat) + l2 * (np.linalg.norm(W_e) + np.linalg.norm(W_d))
                ),
                "the penalty uses norms, not squared norms: sum the squares of the weights.",
            ),
            _Mistake(
                lambda R, R_hat, W_e, W_d, l2: (
                    np.sum(((R - R_hat) * (R != 0)) ** 2) / R.size + l2 * (np.sum(W_e**2) + np.sum(W_d**2))
                ),
                "the average is over every cell: divide by the number of observed ratings instead.",
            ),
            _Mistake(
                lambda R, R_hat, W_e, W_d, l2: (
                    np.sum(((R - R_hat) * (R != 0)) ** 2) + l2 * (np.sum(W_e**2) + np.sum(W_d**2))
                ),
                "the squared errors are summed: the course averages them over the observed ratings.",
            ),
        ),
        hint="loss = mean of (R - R_hat)^2 over the cells where R != 0, plus l2 * (sum(W_e**2) + sum(W_d**2)).",
    ),
}
# notebooks 01, 02, 03 (the bootstrap, the objective, SGD, the SVD of the residuals, the denoising loss), 04
# (the item fold-in, the feature ridge), 05 (the AutoRec step, the blend, the error by activity), 06 and 07
# (NDCG, EASE, the weighted steps, the Gini of exposure), in their own modules
EXERCISES.update(
    _EXERCISES_SVD
    | _EXERCISES_ADAM
    | _EXERCISES_FACTORIZATION
    | _EXERCISES_BOOTSTRAP
    | _EXERCISES_IMPUTED_SVD
    | _EXERCISES_DENOISING
    | _EXERCISES_COLD_START
    | _EXERCISES_FEATURE_RIDGE
    | _EXERCISES_AUTOREC
    | _EXERCISES_BLEND
    | _EXERCISES_SIMILARITY
    | _EXERCISES_ACTIVITY
    | _EXERCISES_SPARK
    | _EXERCISES_RANKING
    | _EXERCISES_WALS
    | _EXERCISES_EXPOSURE
)
